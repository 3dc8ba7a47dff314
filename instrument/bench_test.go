package instrument

import (
	"testing"

	"github.com/carepath/carepath"
)

// BenchmarkScoreAll scores one full profile: all five instruments, the AUDIT-C from the
// AUDIT's first three answers and the DAST-10 from booleans. PHQ-9 item 9 is 0, the common
// case; a positive item 9 costs one more allocation, for Score.Critical.
func BenchmarkScoreAll(b *testing.B) {
	phq := []int{1, 2, 1, 2, 1, 0, 1, 0, 0}
	gad := []int{2, 1, 2, 1, 2, 1, 0}
	aud := []int{3, 2, 2, 1, 1, 0, 1, 1, 0, 2}
	dast := []bool{true, false, false, true, false, false, false, false, false, false}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range []struct {
			in      *Instrument
			answers []int
		}{{phq9, phq}, {gad7, gad}, {audit, aud}, {auditC, aud[:3]}, {dast10, YesNo(dast)}} {
			if _, err := s.in.Score(s.answers, carepath.SexFemale); err != nil {
				b.Fatal(err)
			}
		}
	}
}
