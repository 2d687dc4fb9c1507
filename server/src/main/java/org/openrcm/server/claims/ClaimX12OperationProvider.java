package org.openrcm.server.claims;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Guide;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET} (or {@code POST}) {@code [base]/Claim/[id]/$x12-837}: the stored claim as a complete 837 interchange
 * (ISA to IEA), 837P for a professional claim and 837I for an institutional one, validated, with fresh control
 * numbers, in a Binary of content type {@value #X12_CONTENT_TYPE}.
 * HAPI answers a client that asks for FHIR ({@code Accept: application/fhir+json}) with the Binary resource (the
 * interchange base64-encoded in {@code data}) and any other client with the interchange itself. Defined by the IG's
 * OperationDefinition {@code Claim-x12-837}.
 *
 * <p>Nothing is stored and nothing is sent: each call writes the claim as it is now, with new control numbers, so
 * it also serves to preview what submission will send. Errors: unknown claim 404, deleted 410, a claim that cannot be
 * written as an 837 422 with one issue per reason ({@code ORCM-6001}..{@code ORCM-6004}). The operation takes no
 * parameters ({@code manualRequest}: a POST body, if any, is not read).
 */
final class ClaimX12OperationProvider {

	/** The media type of X12 EDI (RFC 1767). */
	static final String X12_CONTENT_TYPE = "application/EDI-X12";

	private static final Logger log = LoggerFactory.getLogger(ClaimX12OperationProvider.class);

	private final Claim837Writer writer;
	private final DaoRegistry daos;

	ClaimX12OperationProvider(Claim837Writer writer, DaoRegistry daos) {
		this.writer = writer;
		this.daos = daos;
	}

	@Operation(name = "$x12-837", type = Claim.class, idempotent = true, manualRequest = true)
	@Description(shortDefinition = "The claim as an ASC X12 837 interchange (837P 005010X222A1 for a professional "
			+ "claim, 837I 005010X223A2 for an institutional one), validated, with fresh control numbers: a Binary of "
			+ "content type application/EDI-X12")
	public Binary x12(@IdParam IdType id, RequestDetails request) {
		Claim claim = daos.getResourceDao(Claim.class).read(new IdType("Claim", id.getIdPart()), request);
		WrittenInterchange written;
		try {
			written = writer.write(claim, new TenantClaimSources(daos, request));
		} catch (Claim837Exception e) {
			throw new UnprocessableEntityException(e.getMessage(), e.outcome());
		}
		log.info("Claim/{} written as {}: ISA13 {}, ST02 {}", id.getIdPart(),
				Claim837Writer.guide(claim).map(X12Guide::version).orElse("837"), written.interchangeControlNumber(),
				written.transactionControlNumbers().get(0));
		Binary binary = new Binary();
		binary.setContentType(X12_CONTENT_TYPE);
		binary.setSecurityContext(new Reference("Claim/" + id.getIdPart()));
		binary.setData(written.bytes());
		return binary;
	}
}
