package org.openrcm.server.scrubbing;

/** One group of scrub rules: reads the claim in the context and adds its findings to it. */
interface ScrubCheck {

	void check(ScrubContext context);
}
