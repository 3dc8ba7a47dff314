package billing

import (
	"slices"
	"testing"
)

func TestFederalHolidays(t *testing.T) {
	// Observed dates as the Office of Personnel Management publishes them.
	want := map[int][]string{
		2022: {"2022-01-17", "2022-02-21", "2022-05-30", "2022-06-20", "2022-07-04", "2022-09-05", "2022-10-10", "2022-11-11", "2022-11-24", "2022-12-26"},
		2021: {"2021-01-01", "2021-01-18", "2021-02-15", "2021-05-31", "2021-06-18", "2021-07-05", "2021-09-06", "2021-10-11", "2021-11-11", "2021-11-25", "2021-12-24", "2021-12-31"},
		2023: {"2023-01-02", "2023-01-16", "2023-02-20", "2023-05-29", "2023-06-19", "2023-07-04", "2023-09-04", "2023-10-09", "2023-11-10", "2023-11-23", "2023-12-25"},
		2024: {"2024-01-01", "2024-01-15", "2024-02-19", "2024-05-27", "2024-06-19", "2024-07-04", "2024-09-02", "2024-10-14", "2024-11-11", "2024-11-28", "2024-12-25"},
		2025: {"2025-01-01", "2025-01-20", "2025-02-17", "2025-05-26", "2025-06-19", "2025-07-04", "2025-09-01", "2025-10-13", "2025-11-11", "2025-11-27", "2025-12-25"},
		2026: {"2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25"},
		2020: {"2020-01-01", "2020-01-20", "2020-02-17", "2020-05-25", "2020-07-03", "2020-09-07", "2020-10-12", "2020-11-11", "2020-11-26", "2020-12-25"},
	}
	for year, dates := range want {
		var got []string
		for _, h := range FederalHolidays(year) {
			got = append(got, h.Date)
			if h.Name == "" {
				t.Errorf("%s has no name", h.Date)
			}
		}
		if !slices.Equal(got, dates) {
			t.Errorf("%d:\n got %v\nwant %v", year, got, dates)
		}
	}
}

func TestBusinessDays(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2026-03-13", -3, "2026-03-10"}, // Friday → Tuesday
		{"2026-03-16", -3, "2026-03-11"}, // Monday → the Wednesday before
		{"2026-11-30", -3, "2026-11-24"}, // skips the weekend and Thanksgiving (Thu 26)
		{"2026-07-07", -3, "2026-07-01"}, // skips the weekend and July 3 (observed)
		{"2026-01-02", -3, "2025-12-29"}, // skips New Year's Day and the weekend
		{"2026-12-28", 1, "2026-12-29"},
		{"2026-12-24", 1, "2026-12-28"}, // skips Christmas and the weekend
		{"2026-03-14", 0, "2026-03-16"}, // a Saturday rolls to Monday
		{"2026-03-16", 0, "2026-03-16"},
	}
	for _, tt := range tests {
		if got := AddBusinessDays(tt.from, tt.n); got != tt.want {
			t.Errorf("AddBusinessDays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
	if IsBusinessDay("2026-07-03") || IsBusinessDay("2026-03-14") || !IsBusinessDay("2026-07-06") || IsBusinessDay("2021-12-31") {
		t.Error("IsBusinessDay is wrong about a holiday, a weekend or a working day")
	}
}
