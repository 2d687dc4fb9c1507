package org.openrcm.server.coding;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.ChargeItemDefinition;
import org.hl7.fhir.r4.model.ChargeItemDefinition.ChargeItemDefinitionPropertyGroupComponent;
import org.hl7.fhir.r4.model.ChargeItemDefinition.ChargeItemDefinitionPropertyGroupPriceComponentComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Money;
import org.openrcm.terminology.cpt.CptCodeSet;
import org.openrcm.terminology.hcpcs.HcpcsCodeSet;

/**
 * A practice's fee schedule: the charge per CPT/HCPCS code, from the tenant's active {@code ChargeItemDefinition}
 * resources (one per code: {@code code} a CPT or HCPCS coding, the {@code base} price component's {@code amount}
 * the charge for one unit, {@code effectivePeriod} when it applies; a definition without a period always applies).
 * When several apply on a date, the one with the latest period start wins. Immutable.
 *
 * <p>The same form, with a {@code useContext} whose {@code valueReference} is a payer Organization, is that payer's
 * contracted rate (the allowed amount per unit, {@link #contracted}); such definitions are not charges.
 */
public final class FeeSchedule {

	/** No fees: every line is left without a charge unless its ChargeItem states one. */
	static final FeeSchedule NONE = new FeeSchedule(Map.of());

	private final Map<String, List<Fee>> byCode;

	private FeeSchedule(Map<String, List<Fee>> byCode) {
		this.byCode = byCode;
	}

	/** The practice's charges: the active definitions that name no payer. */
	public static FeeSchedule of(List<ChargeItemDefinition> definitions) {
		return build(definitions.stream().filter(d -> payer(d) == null).toList());
	}

	/**
	 * Payers' contracted rates, by payer ({@code Organization/id}): the active definitions whose {@code useContext}
	 * names a payer Organization ({@code valueReference}); the base price is the allowed amount of one unit.
	 */
	public static Map<String, FeeSchedule> contracted(List<ChargeItemDefinition> definitions) {
		Map<String, List<ChargeItemDefinition>> byPayer = new HashMap<>();
		for (ChargeItemDefinition definition : definitions) {
			String payer = payer(definition);
			if (payer != null) {
				byPayer.computeIfAbsent(payer, p -> new ArrayList<>()).add(definition);
			}
		}
		Map<String, FeeSchedule> schedules = new HashMap<>();
		byPayer.forEach((payer, own) -> schedules.put(payer, build(own)));
		return Map.copyOf(schedules);
	}

	/** The payer Organization a definition's use context names, or {@code null}. */
	static String payer(ChargeItemDefinition definition) {
		for (org.hl7.fhir.r4.model.UsageContext context : definition.getUseContext()) {
			if (context.hasValueReference() && context.getValueReference().getReference() != null
					&& context.getValueReference().getReference().startsWith("Organization/")) {
				return new org.hl7.fhir.r4.model.IdType(context.getValueReference().getReference())
						.toUnqualifiedVersionless().getValue();
			}
		}
		return null;
	}

	private static FeeSchedule build(List<ChargeItemDefinition> definitions) {
		Map<String, List<Fee>> byCode = new HashMap<>();
		for (ChargeItemDefinition definition : definitions) {
			if (definition.getStatus() != PublicationStatus.ACTIVE) {
				continue;
			}
			Optional<Money> price = basePrice(definition);
			for (Coding coding : definition.getCode().getCoding()) {
				if (price.isPresent() && coding.hasCode() && (CptCodeSet.SYSTEM.equals(coding.getSystem())
						|| HcpcsCodeSet.SYSTEM.equals(coding.getSystem()))) {
					byCode.computeIfAbsent(key(coding.getSystem(), coding.getCode()), k -> new ArrayList<>())
							.add(new Fee(start(definition), end(definition), price.get(),
									definition.getIdElement().toUnqualifiedVersionless().getValue()));
				}
			}
		}
		return new FeeSchedule(Map.copyOf(byCode));
	}

	/** The fee for one unit of the code on the date; empty when the schedule has none. */
	public Optional<Fee> fee(String system, String code, LocalDate dateOfService) {
		Fee best = null;
		for (Fee fee : byCode.getOrDefault(key(system, code), List.of())) {
			if (fee.appliesOn(dateOfService) && (best == null || later(fee.start(), best.start()))) {
				best = fee;
			}
		}
		return Optional.ofNullable(best);
	}

	private static boolean later(LocalDate a, LocalDate b) {
		return a != null && (b == null || a.isAfter(b));
	}

	private static Optional<Money> basePrice(ChargeItemDefinition definition) {
		for (ChargeItemDefinitionPropertyGroupComponent group : definition.getPropertyGroup()) {
			for (ChargeItemDefinitionPropertyGroupPriceComponentComponent component : group.getPriceComponent()) {
				if (component.getType() == ChargeItemDefinition.ChargeItemDefinitionPriceComponentType.BASE
						&& component.getAmount().hasValue()) {
					return Optional.of(component.getAmount());
				}
			}
		}
		return Optional.empty();
	}

	private static LocalDate start(ChargeItemDefinition definition) {
		return definition.getEffectivePeriod().hasStart()
				? LocalDate.parse(definition.getEffectivePeriod().getStartElement().getValueAsString().substring(0, 10))
				: null;
	}

	private static LocalDate end(ChargeItemDefinition definition) {
		return definition.getEffectivePeriod().hasEnd()
				? LocalDate.parse(definition.getEffectivePeriod().getEndElement().getValueAsString().substring(0, 10))
				: null;
	}

	private static String key(String system, String code) {
		return system + "|" + code.trim().toUpperCase(Locale.ROOT);
	}

	/**
	 * One fee.
	 *
	 * @param start first date it applies, or {@code null}
	 * @param end last date it applies, or {@code null}
	 * @param unitPrice the charge for one unit
	 * @param source the ChargeItemDefinition it came from, for the claim's issues
	 */
	public record Fee(LocalDate start, LocalDate end, Money unitPrice, String source) {

		boolean appliesOn(LocalDate date) {
			return date == null || ((start == null || !date.isBefore(start)) && (end == null || !date.isAfter(end)));
		}

		/** The charge for {@code quantity} units. */
		Money charge(BigDecimal quantity) {
			return new Money().setValue(unitPrice.getValue().multiply(quantity)).setCurrency(unitPrice.getCurrency());
		}
	}
}
