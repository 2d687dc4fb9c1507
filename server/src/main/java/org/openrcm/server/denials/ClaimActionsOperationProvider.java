package org.openrcm.server.denials;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;

/**
 * {@code POST [base]/Claim/[id]/$correct}, {@code $appeal} and {@code $write-off}: the actions on a denied claim
 * ({@link ClaimActions}).
 */
final class ClaimActionsOperationProvider {

	private final ClaimActions actions;

	ClaimActionsOperationProvider(ClaimActions actions) {
		this.actions = actions;
	}

	@Operation(name = "$correct", type = Claim.class, idempotent = false)
	@Description(shortDefinition = "Create the corrected (replacement, frequency 7) claim of a denied claim, as a "
			+ "draft that names the original and the payer's claim number")
	public Claim correct(@IdParam IdType id, RequestDetails request) {
		return actions.correct(id.getIdPart(), request);
	}

	@Operation(name = "$appeal", type = Claim.class, idempotent = false)
	@Description(shortDefinition = "Open an appeal of a claim's denial: an 'appeal' Task and a Communication to the "
			+ "payer with the reason and the attached documents")
	public Task appeal(@IdParam IdType id,
			@OperationParam(name = "reason", min = 1, max = 1) StringType reason,
			@OperationParam(name = "attachment", min = 0, max = OperationParam.MAX_UNLIMITED) List<Reference> attachments,
			@OperationParam(name = "level", min = 0, max = 1) IntegerType level, RequestDetails request) {
		return actions.appeal(id.getIdPart(), reason == null ? null : reason.getValue(),
				attachments == null ? List.of() : attachments, level == null ? null : level.getValue(), request);
	}

	@Operation(name = "$write-off", type = Claim.class, idempotent = false)
	@Description(shortDefinition = "Write off a claim's open denied amount (or part of it) with a reason")
	public Parameters writeOff(@IdParam IdType id,
			@OperationParam(name = "amount", min = 0, max = 1) Money amount,
			@OperationParam(name = "reason", min = 1, max = 1) Coding reason,
			@OperationParam(name = "note", min = 0, max = 1) StringType note, RequestDetails request) {
		BigDecimal value = amount == null || !amount.hasValue() ? null : amount.getValue();
		ClaimActions.WriteOff done = actions.writeOff(id.getIdPart(), value, reason,
				note == null ? null : note.getValue(), request);
		Parameters out = new Parameters();
		out.addParameter().setName("amount").setValue(new Money().setValue(done.amount()).setCurrency("USD"));
		out.addParameter().setName("reason").setValue(done.reason());
		out.addParameter().setName("balance").setValue(new Money().setValue(done.balance()).setCurrency("USD"));
		done.closed().forEach(task -> out.addParameter().setName("closedTask").setValue(new Reference("Task/"
				+ task.getIdElement().getIdPart())));
		return out;
	}
}
