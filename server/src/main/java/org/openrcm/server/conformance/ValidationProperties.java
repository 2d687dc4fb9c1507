package org.openrcm.server.conformance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which incoming resources are validated against the OpenRCM profiles, under {@code openrcm.validation.*}.
 *
 * @param claim validate every incoming Claim that is not a {@code draft} against the professional-claim profile
 *              (what an 837P needs). Default {@code true}.
 * @param coverage validate every incoming Coverage against the OpenRCM Coverage profile. Default {@code false}:
 *                 EHRs often send partial Coverages that are completed later in the cycle.
 */
@ConfigurationProperties("openrcm.validation")
public record ValidationProperties(@DefaultValue("true") boolean claim, @DefaultValue("false") boolean coverage) {}
