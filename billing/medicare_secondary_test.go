package billing

import "testing"

func TestCheckMedicareSecondary(t *testing.T) {
	for _, tc := range []struct {
		rank int
		typ  string
		held bool
	}{
		{1, "", false},   // Medicare primary: no SBR05
		{2, "12", false}, // working aged, recorded
		{2, "", true},    // secondary without the reason: Medicare would reject the claim
	} {
		holds := CheckMedicareSecondary(tc.rank, tc.typ)
		if got := len(holds) == 1 && holds[0].Rule == RuleMedicareSecondaryType && !holds[0].Warning; got != tc.held || (!tc.held && len(holds) != 0) {
			t.Errorf("rank %d type %q: holds %+v, want held %v", tc.rank, tc.typ, holds, tc.held)
		}
	}
}
