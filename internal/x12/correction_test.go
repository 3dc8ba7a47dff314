package x12

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
)

// corrected is b with its first claim made a replacement or void (frequency) of the claim the
// payer numbered control, alone in the file.
func corrected(b Batch837, frequency, control string) Batch837 {
	c := b.Claims[0]
	c.Claim.Frequency, c.Claim.PayerClaimControl = frequency, control
	b.Claims = []ClaimParties{c}
	return b
}

// TestNodeX12ReadsCorrections writes a replacement 837P and 837I and a void and reads each back
// with node-x12: CLM05-3 is the frequency (the 837I's bill type ends in it), and REF*F8 carries
// the payer's claim control number in loop 2300, after the claim's dates and its prior
// authorization (REF*G1, which the guides list before F8) and before the diagnoses (HI).
func TestNodeX12ReadsCorrections(t *testing.T) {
	for _, tc := range []struct {
		name, frequency string
		batch           Batch837
	}{
		{"replacement 837P", billing.FrequencyReplacement, corrected(knownBatch(t), billing.FrequencyReplacement, "PAYERCTRL1")},
		{"replacement 837I", billing.FrequencyReplacement, corrected(medicareBatch(t), billing.FrequencyReplacement, "2026110400123")},
		{"void 837P", billing.FrequencyVoid, corrected(knownBatch(t), billing.FrequencyVoid, "PAYERCTRL1")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file, _ := write(t, tc.batch)
			p := nodeParse(t, file)
			segs := p.Groups[0].Transactions[0].Segments
			claim := tc.batch.Claims[0].Claim
			checkClaims(t, tc.batch, segs)
			clm, f8, g1, hi := -1, -1, -1, -1
			for i, s := range segs {
				switch {
				case s[0] == "CLM":
					clm = i
					if parts := strings.Split(s[5], ":"); len(parts) != 3 || parts[2] != tc.frequency {
						t.Errorf("CLM05 %q, want frequency %s", s[5], tc.frequency)
					}
					if claim.Format == billing.Format837I && claim.BillType() != billing.FacilityHospitalOutpatient+tc.frequency {
						t.Errorf("bill type %s", claim.BillType())
					}
				case s[0] == "REF" && s[1] == "F8":
					f8 = i
					if s[2] != claim.PayerClaimControl {
						t.Errorf("REF*F8 %q, want %s", s, claim.PayerClaimControl)
					}
				case s[0] == "REF" && s[1] == "G1":
					g1 = i
				case s[0] == "HI" && hi < 0:
					hi = i
				case s[0] == "LX" && f8 < 0:
					t.Fatalf("no REF*F8 before the first line")
				}
			}
			if clm < 0 || f8 < clm || hi < f8 || g1 >= 0 && g1 > f8 {
				t.Errorf("loop 2300 order: CLM %d, REF*G1 %d, REF*F8 %d, HI %d", clm, g1, f8, hi)
			}
			for _, s := range segs[clm+1 : f8] {
				if s[0] != "DTP" && s[0] != "CL1" && s[0] != "REF" {
					t.Errorf("%s between CLM and REF*F8", s[0])
				}
			}
		})
	}
}

// TestWrite837RefusesCorrectionWithoutControl: a replacement or void without the payer's claim
// control number, or an original claim carrying one, is refused naming the field.
func TestWrite837RefusesCorrectionWithoutControl(t *testing.T) {
	for _, b := range []Batch837{
		corrected(knownBatch(t), billing.FrequencyReplacement, ""),
		corrected(knownBatch(t), billing.FrequencyVoid, " "),
		corrected(knownBatch(t), billing.FrequencyAdmitThroughDischarge, "PAYERCTRL1"),
	} {
		var buf strings.Builder
		_, err := Write837(&buf, b)
		fs := carepath.ErrorFields(err)
		if len(fs) != 1 || fs[0].Field != "claims.0.payer_claim_control" || buf.Len() != 0 {
			t.Errorf("frequency %s control %q: %v", b.Claims[0].Claim.Frequency, b.Claims[0].Claim.PayerClaimControl, err)
		}
	}
}
