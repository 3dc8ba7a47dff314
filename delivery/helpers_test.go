package delivery

import (
	"testing"
	"time"

	"github.com/carepath/carepath"
)

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

// fieldsOf returns the field names of err's field errors.
func fieldsOf(err error) []string {
	var out []string
	for _, f := range carepath.ErrorFields(err) {
		out = append(out, f.Field)
	}
	return out
}

// at parses an RFC 3339 time, for table tests.
func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
