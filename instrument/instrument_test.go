package instrument

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestAllAndGet(t *testing.T) {
	want := []ID{PHQ9, PHQ2, GAD7, GAD2, AUDIT, AUDITC, DAST10, CSSRS, CIWAAr, COWS}
	got := All()
	if len(got) != len(want) {
		t.Fatalf("All() has %d instruments, want %d", len(got), len(want))
	}
	for i, in := range got {
		if in.ID != want[i] {
			t.Errorf("All()[%d] = %s, want %s", i, in.ID, want[i])
		}
		g, ok := Get(want[i])
		if !ok || g != in {
			t.Errorf("Get(%s) = %v, %v; want the instrument All returns", want[i], g, ok)
		}
	}
	got[0] = nil
	if All()[0] == nil {
		t.Error("All returned the package's own slice: changing it changed the next call")
	}
	if in, ok := Get("phq8"); ok || in != nil {
		t.Errorf("Get(phq8) = %v, %v; want nil, false", in, ok)
	}
	if in, ok := Get(DrugScreen); ok || in != nil {
		t.Errorf("Get(%s) = %v, %v; the count screen is no Instrument", DrugScreen, in, ok)
	}
}

func TestStructure(t *testing.T) {
	itemCount := map[ID]int{PHQ9: 9, PHQ2: 2, GAD7: 7, GAD2: 2, AUDIT: 10, AUDITC: 3, DAST10: 10, CSSRS: 6, CIWAAr: 10, COWS: 11}
	// carepath names a LOINC code only when it is sure of it (see TestLOINC).
	noLOINC := map[ID]bool{GAD2: true, CSSRS: true, CIWAAr: true, COWS: true}
	for _, in := range All() {
		t.Run(string(in.ID), func(t *testing.T) {
			if n := len(in.Items); n != itemCount[in.ID] || n > maxItems {
				t.Errorf("%d items, want %d (and at most %d)", n, itemCount[in.ID], maxItems)
			}
			for _, s := range []string{in.Name, in.Title, in.Instructions, in.Attribution} {
				if s == "" {
					t.Errorf("an empty Name, Title, Instructions or Attribution: %+v", in)
				}
			}
			if (in.TotalLOINC == "") != noLOINC[in.ID] {
				t.Errorf("TotalLOINC %q", in.TotalLOINC)
			}
			if in.RecallDays < 0 || in.RecallDays > 365 || (in.RecallDays == 0) != in.ClinicianRated {
				t.Errorf("RecallDays %d with ClinicianRated %v: only ratings of the present look back 0 days", in.RecallDays, in.ClinicianRated)
			}
			sum := 0
			for i, item := range in.Items {
				if want := fmt.Sprintf("item%d", i+1); item.Key != want {
					t.Errorf("item %d has key %q, want %q", i+1, item.Key, want)
				}
				if item.Text == "" || len(item.Options) < 2 {
					t.Errorf("%s has no text or fewer than 2 options", item.Key)
				}
				best := 0
				for _, o := range item.Options {
					if o.Label == "" || o.Points < 0 {
						t.Errorf("%s has an option without a label or with negative points: %+v", item.Key, o)
					}
					best = max(best, o.Points)
				}
				sum += best
			}
			if sum != in.MaxTotal {
				t.Errorf("MaxTotal = %d, but the items' best answers add up to %d", in.MaxTotal, sum)
			}
			if in.ByItems() {
				for _, b := range in.Bands {
					if b.Code == "" || b.Label == "" || b.Min != 0 || b.Max != 0 {
						t.Errorf("band %+v of a by-item instrument needs a code and a label, and no range", b)
					}
				}
			} else {
				checkBands(t, "Bands", in.Bands, in.MaxTotal)
			}
			if in.MaleBands != nil {
				checkBands(t, "MaleBands", in.MaleBands, in.MaxTotal)
			}
		})
	}
}

// checkBands checks that bands are labelled and cover 0..maxTotal without gaps or overlaps.
func checkBands(t *testing.T, name string, bands []Band, maxTotal int) {
	t.Helper()
	next := 0
	for _, b := range bands {
		if b.Code == "" || b.Label == "" {
			t.Errorf("%s: band %+v has no code or label", name, b)
		}
		if b.Min != next || b.Max < b.Min {
			t.Errorf("%s: band %s is %d–%d, want it to start at %d", name, b.Code, b.Min, b.Max, next)
		}
		next = b.Max + 1
	}
	if next != maxTotal+1 {
		t.Errorf("%s end at %d, want %d", name, next-1, maxTotal)
	}
}

func TestOptionsAsPublished(t *testing.T) {
	labels := func(opts []Option) (l []string, p []int) {
		for _, o := range opts {
			l, p = append(l, o.Label), append(p, o.Points)
		}
		return l, p
	}
	tests := []struct {
		in     *Instrument
		items  []int // 0-based item indices
		labels []string
		points []int
	}{
		{phq9, []int{0, 1, 2, 3, 4, 5, 6, 7, 8}, []string{"Not at all", "Several days", "More than half the days", "Nearly every day"}, []int{0, 1, 2, 3}},
		{gad7, []int{0, 1, 2, 3, 4, 5, 6}, []string{"Not at all", "Several days", "More than half the days", "Nearly every day"}, []int{0, 1, 2, 3}},
		{audit, []int{0}, []string{"Never", "Monthly or less", "2 to 4 times a month", "2 to 3 times a week", "4 or more times a week"}, []int{0, 1, 2, 3, 4}},
		{audit, []int{1}, []string{"1 or 2", "3 or 4", "5 or 6", "7 to 9", "10 or more"}, []int{0, 1, 2, 3, 4}},
		{audit, []int{2, 3, 4, 5, 6, 7}, []string{"Never", "Less than monthly", "Monthly", "Weekly", "Daily or almost daily"}, []int{0, 1, 2, 3, 4}},
		{audit, []int{8, 9}, []string{"No", "Yes, but not in the last year", "Yes, during the last year"}, []int{0, 2, 4}},
		{dast10, []int{0, 1, 3, 4, 5, 6, 7, 8, 9}, []string{"Yes", "No"}, []int{1, 0}},
		{dast10, []int{2}, []string{"Yes", "No"}, []int{0, 1}},
		{cssrs, []int{0, 1, 2, 3, 4}, []string{"Yes", "No"}, []int{1, 0}},
		{cssrs, []int{5}, []string{"Yes, within the past 3 months", "Yes, but more than 3 months ago", "No"}, []int{1, 1, 0}},
		{cows, []int{0}, []string{"80 or below", "81–100", "101–120", "greater than 120"}, []int{0, 1, 2, 4}},
	}
	for _, tt := range tests {
		for _, i := range tt.items {
			l, p := labels(tt.in.Items[i].Options)
			if !slices.Equal(l, tt.labels) || !slices.Equal(p, tt.points) {
				t.Errorf("%s item %d options %q %v, want %q %v", tt.in.Name, i+1, l, p, tt.labels, tt.points)
			}
		}
	}
}

func TestAUDITCIsAUDITItems1To3(t *testing.T) {
	for i, item := range auditC.Items {
		a := audit.Items[i]
		if item.Key != a.Key || item.Text != a.Text || item.LOINC != a.LOINC || !slices.Equal(item.Options, a.Options) {
			t.Errorf("AUDIT-C item %d differs from AUDIT item %d", i+1, i+1)
		}
	}
}

func TestLOINC(t *testing.T) {
	codes := map[ID][3]string{ // panel, total, items joined
		PHQ9: {"44249-1", "44261-6", "44250-9 44255-8 44259-0 44254-1 44251-7 44258-2 44252-5 44253-3 44260-8"},
		PHQ2: {"55757-9", "55758-7", "44250-9 44255-8"},
		GAD7: {"69737-5", "70274-6", "69725-0 68509-9 69733-4 69734-2 69735-9 69689-8 69736-7"},
		// No panel or total code is given for the GAD-2 until one is confirmed: 69725-0 is the
		// GAD-7's first question, 70273-8 the PHQ-15's total.
		GAD2:   {"", "", "69725-0 68509-9"},
		AUDIT:  {"", "75624-7", "68518-0 68519-8 68520-6       "},
		AUDITC: {"72109-2", "75626-2", "68518-0 68519-8 68520-6"},
		DAST10: {"82666-9", "82667-7", "         "},
		// No LOINC code is given for the C-SSRS screener, CIWA-Ar or COWS until one is confirmed.
		CSSRS:  {"", "", "     "},
		CIWAAr: {"", "", "         "},
		COWS:   {"", "", "          "},
	}
	for _, in := range All() {
		var items []string
		for _, item := range in.Items {
			items = append(items, item.LOINC)
		}
		got := [3]string{in.PanelLOINC, in.TotalLOINC, strings.Join(items, " ")}
		if got != codes[in.ID] {
			t.Errorf("%s LOINC = %q, want %q", in.Name, got, codes[in.ID])
		}
	}
}

func TestCriticalItems(t *testing.T) {
	for _, in := range All() {
		for i, item := range in.Items {
			if want := (in.ID == PHQ9 && i == 8) || in.ID == CSSRS; item.Critical != want {
				t.Errorf("%s %s Critical = %v, want %v", in.Name, item.Key, item.Critical, want)
			}
		}
	}
}

func TestYesNo(t *testing.T) {
	if got := YesNo(nil); got != nil {
		t.Errorf("YesNo(nil) = %v, want nil", got)
	}
	got := YesNo([]bool{true, false, true})
	if !slices.Equal(got, []int{0, 1, 0}) {
		t.Errorf("YesNo = %v, want [0 1 0]", got)
	}
	for i, o := range dast10.Items[0].Options {
		if want := []string{"Yes", "No"}[i]; o.Label != want {
			t.Errorf("DAST-10 option %d is %q, want %q", i, o.Label, want)
		}
	}
}
