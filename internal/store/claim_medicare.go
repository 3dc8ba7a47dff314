package store

import (
	"github.com/carepath/carepath/billing"
)

// medicareHold applies Medicare's intensive outpatient program rules (billing.CheckMedicareIOP)
// to claim c of a Medicare payer (its admission date is the episode's): a claim failing a rule is
// held with every rule it fails named, and stays out of the 837; warnings go with a claim that
// goes out. carepath keeps no physician certifications yet, so the certification rules hold
// every Medicare IOP claim until it does, which is what the rule requires.
func medicareHold(c billing.Claim, codes billing.DiagnosisCodes) billing.Claim {
	holds := billing.CheckMedicareIOP(c, billing.MedicareIOPContext{AdmissionDate: c.AdmissionDate}, codes)
	c.Holds = append(c.Holds, holds...)
	for _, h := range holds {
		if !h.Warning {
			c.Status = billing.ClaimHeld
		}
	}
	return c
}
