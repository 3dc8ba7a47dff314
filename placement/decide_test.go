package placement

import (
	"testing"

	"github.com/carepath/carepath"
)

func TestRanksFollowCarepathLevels(t *testing.T) {
	if len(levelOfRank) != len(carepath.Levels) {
		t.Fatalf("%d ranks for %d levels", len(levelOfRank), len(carepath.Levels))
	}
	for i, l := range carepath.Levels {
		r := rankOf(l)
		if int(r) != l.Rank() || int(r) != i || r.level() != l {
			t.Errorf("rankOf(%s) = %d, level() = %s; want %d", l, r, r.level(), l.Rank())
		}
		if levelNames[r] != l.Name() || asamLevels[r] != l.ASAMLevel() {
			t.Errorf("names of %s = %q, %q", l, levelNames[r], asamLevels[r])
		}
	}
	if rankOf("") != rankUnknown || rankOf("detox") != rankUnknown {
		t.Error("an empty or unknown level must rank unknown")
	}
}

func TestRubricFitsItsTables(t *testing.T) {
	if len(Rubric) > 64 {
		t.Fatalf("the rubric has %d rules; decide keeps them in a 64-bit set", len(Rubric))
	}
	for i, r := range Rubric {
		if ruleRanks[i] != rankOf(r.Level) || ruleRanks[i] <= rankNone {
			t.Errorf("rule %s: rank %d for level %s", r.Code, ruleRanks[i], r.Level)
		}
		if i > 0 && ruleRanks[i] > ruleRanks[i-1] {
			t.Errorf("rule %s is more intensive than the rule before it: the rubric lists the most intensive first", r.Code)
		}
	}
	for b := basisUnset + 1; b < basisCount; b++ {
		if b.String() == "" {
			t.Errorf("basis %d has no text", b)
		}
	}
}

// TestDecideLevelAgreesWithDecide tries every combination of ratings with the other facts the
// rules read: decideLevel, which the what-ifs use, must find the level decide finds.
func TestDecideLevelAgreesWithDecide(t *testing.T) {
	var f facts
	recents := []rank{rankUnknown, rankNone, rankIOP, rankPHP, rankResidential, rankInpatient}
	for n := range 5 * 5 * 5 * 5 * 5 * 5 {
		for i, k := 0, n; i < len(f.rating); i, k = i+1, k/5 {
			f.rating[i] = int8(k % 5)
		}
		for extra := range 4 * len(recents) {
			f.severe, f.completed = extra&1 != 0, extra&2 != 0
			f.recent = recents[extra/4]
			want, _ := decide(&f)
			if got := decideLevel(&f, rankNone); got != want {
				t.Fatalf("decideLevel(%+v) = %d, decide = %d", f, got, want)
			}
		}
	}
}
