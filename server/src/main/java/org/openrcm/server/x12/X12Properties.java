package org.openrcm.server.x12;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * X12 writing, under {@code openrcm.x12.*}.
 *
 * @param readBack whether every interchange the server writes (837 batches, the sandbox's 999 and 277CA) is read back
 *                 through {@link X12Reader} after it was written and validated, as a second check; default false.
 *                 The validation while writing already checks each segment against the envelope and the guide's
 *                 implementation schema, and the read-back finds no fault it lets through (see
 *                 {@link X12InterchangeWriter} for the evidence); the read-back costs about as much again as the
 *                 validated writing. The integration tests turn it on.
 */
@Validated
@ConfigurationProperties("openrcm.x12")
public record X12Properties(@DefaultValue("false") boolean readBack) {}
