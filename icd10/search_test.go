package icd10

import (
	"slices"
	"testing"
)

func codesOf(cs []Code) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Code)
	}
	return out
}

func TestSearch(t *testing.T) {
	s := Default()
	tests := []struct {
		query string
		limit int
		want  []string // the first results, in order
		all   int      // the number of results, when > 0
	}{
		{"F10.2", 3, []string{"F10.20", "F10.21", "F10.220"}, 0},
		{"f102", 0, []string{"F10.20"}, 20 + 5}, // 20 billable codes under F10.2, then the headings F10.2, F10.22, F10.23, F10.25, F10.28
		{"alcohol dependence withdrawal", 0, []string{"F10.230", "F10.231", "F10.232", "F10.239", "F10.23"}, 5},
		{"alc dep withdr delir", 0, []string{"F10.231"}, 1},
		{"post-traumatic", 0, []string{"F43.10", "F43.11", "F43.12", "F43.1"}, 4},
		{"F43 adjustment", 2, []string{"F43.20", "F43.21"}, 0},
		{"homeless", 0, []string{"Z59.00", "Z59.01", "Z59.02", "Z59.811", "Z59.812", "Z59.0"}, 0},
		{"suicidal", 0, []string{"R45.851", "Z91.51"}, 0},
		{"nothing-like-this", 0, nil, 0},
		{"", 0, nil, 0},
	}
	for _, tt := range tests {
		got := codesOf(s.Search(tt.query, tt.limit))
		if len(got) < len(tt.want) || !slices.Equal(got[:len(tt.want)], tt.want) {
			t.Errorf("Search(%q) = %v, want it to start %v", tt.query, got, tt.want)
		}
		if tt.all > 0 && len(got) != tt.all {
			t.Errorf("Search(%q) found %d, want %d: %v", tt.query, len(got), tt.all, got)
		}
		if tt.limit > 0 && len(got) > tt.limit {
			t.Errorf("Search(%q) ignored limit %d", tt.query, tt.limit)
		}
	}
}
