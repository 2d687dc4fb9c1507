package org.openrcm.server.terminology;

/** The code sets and edit tables in service now; a later call sees what an import loaded since. */
@FunctionalInterface
public interface TerminologyInService {

	BillingTerminology billingTerminology();
}
