package instrument

import (
	"strconv"

	"github.com/carepath/carepath"
)

// maxItems is the most items an instrument has (the COWS has 11); a Score's Points and
// Positive share one allocation for instruments up to this size.
const maxItems = 11

// scoreMemory is the one allocation behind a Score: its Points and Positive. It holds no
// pointers, so the garbage collector never scans it. Critical, rarely set, has its own.
type scoreMemory struct {
	points   [maxItems]int
	positive bool
}

// Score scores answers, the index of the chosen option of each item in the published order
// (0 is the first option). Sex picks the cut-offs of instruments whose cut-offs differ for
// men and women (AUDIT-C); SexUnknown uses the lower, safer cut-off. A wrong number of answers
// or an index outside an item's options is an EINVALID *carepath.Error naming every problem:
// the field answers.<id> for the count and answers.<id>[i] (0-based) for an index.
func (in *Instrument) Score(answers []int, sex carepath.Sex) (Score, error) {
	n := len(in.Items)
	if len(answers) != n {
		return Score{}, in.invalid(answers)
	}
	mem, points := newScoreMemory(n)
	var critical []string
	total := 0
	for i, a := range answers {
		item := &in.Items[i]
		if uint(a) >= uint(len(item.Options)) {
			return Score{}, in.invalid(answers)
		}
		p := item.Options[a].Points
		points[i] = p
		total += p
		if item.Critical && p > 0 {
			critical = append(critical, item.Key)
		}
	}
	var s Score
	if in.classify != nil {
		s = in.withBand(Score{Instrument: in.ID, Total: total}, &in.Bands[in.classify(answers)], mem)
	} else {
		s = in.result(total, sex, mem)
	}
	s.Points = points
	s.Critical = critical
	return s, nil
}

// newScoreMemory allocates the memory of one Score and returns it with its n points.
func newScoreMemory(n int) (*scoreMemory, []int) {
	mem := new(scoreMemory)
	if n > maxItems {
		return mem, make([]int, n)
	}
	return mem, mem.points[:n:n]
}

// result fills in what a Score takes from its total: band, zone and screen result.
func (in *Instrument) result(total int, sex carepath.Sex, mem *scoreMemory) Score {
	s := Score{Instrument: in.ID, Total: total}
	if b := findBand(in.sexBands(sex), total); b != nil {
		s = in.withBand(s, b, mem)
	}
	return s
}

// withBand fills in what s takes from its band b: code, zone and screen result.
func (in *Instrument) withBand(s Score, b *Band, mem *scoreMemory) Score {
	s.Band = b.Code
	s.Zone = b.Zone
	if in.Screen {
		mem.positive = b.Positive
		s.Positive = &mem.positive
	}
	return s
}

// invalid reports every problem with answers at once, as an EINVALID *carepath.Error.
func (in *Instrument) invalid(answers []int) error {
	var errs carepath.FieldErrors
	field := "answers." + string(in.ID)
	if len(answers) != len(in.Items) {
		errs.Add(field, "count", "%s needs %d answers, got %d", in.Name, len(in.Items), len(answers))
	}
	for i, a := range answers {
		if i >= len(in.Items) {
			break
		}
		if last := len(in.Items[i].Options) - 1; a < 0 || a > last {
			errs.Add(field+"["+strconv.Itoa(i)+"]", "range", "answer %d must be between 0 and %d, got %d", i+1, last, a)
		}
	}
	return errs.Err()
}

// findBand returns the band of bands holding total, or nil when none does.
func findBand(bands []Band, total int) *Band {
	for i := range bands {
		if b := &bands[i]; b.Min <= total && total <= b.Max {
			return b
		}
	}
	return nil
}

// BandOf returns the band holding total, for women and unknown sex (see BandFor), or the zero
// Band when total is outside 0..MaxTotal.
func (in *Instrument) BandOf(total int) Band {
	return in.BandFor(total, carepath.SexUnknown)
}

// BandFor returns the band holding total under the cut-offs for sex, or the zero Band when
// total is outside 0..MaxTotal or the instrument's band follows from its items (ByItems).
func (in *Instrument) BandFor(total int, sex carepath.Sex) Band {
	if in.classify != nil {
		return Band{}
	}
	if b := findBand(in.sexBands(sex), total); b != nil {
		return *b
	}
	return Band{}
}

// BandLabel returns the plain label of s's band, e.g. "Moderately severe", or "" when s holds
// no known band.
func (s Score) BandLabel() string {
	if s.Instrument == DrugScreen {
		for _, b := range countScreenBands {
			if b.Code == s.Band {
				return b.Label
			}
		}
		return ""
	}
	in, ok := Get(s.Instrument)
	if !ok {
		return ""
	}
	for _, bands := range [][]Band{in.Bands, in.MaleBands} {
		for _, b := range bands {
			if b.Code == s.Band {
				return b.Label
			}
		}
	}
	return ""
}

// AUDITC returns the AUDIT-C score of an AUDIT score, from the points of its first three
// items, under the cut-offs for sex. It returns false when s is not a complete AUDIT score.
func (s Score) AUDITC(sex carepath.Sex) (Score, bool) {
	if s.Instrument != AUDIT || len(s.Points) != len(audit.Items) {
		return Score{}, false
	}
	mem, points := newScoreMemory(len(auditC.Items))
	total := 0
	for i := range points {
		points[i] = s.Points[i]
		total += points[i]
	}
	c := auditC.result(total, sex, mem)
	c.Points = points
	return c, true
}
