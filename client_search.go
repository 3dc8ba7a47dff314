package carepath

import "context"

// ClientQuery selects clients by what a search names. Empty fields do not select. In each
// group of Name, Family, Given, BirthDate and Updated one entry must hold, and every group
// must hold: Name against the given, family or preferred name, Family against the family
// name, Given against the given or preferred name, BirthDate against the birth date and
// Updated against the time of the last change.
type ClientQuery struct {
	IDs       []string
	Name      [][]TextMatch
	Family    [][]TextMatch
	Given     [][]TextMatch
	BirthDate [][]DateRange
	Updated   [][]TimeRange
	Limit     int // 0 means the default page; at most 500
	Offset    int
}

// Validate checks a query: field errors name limit, offset and the words searched for (at
// most 100 characters each).
func (q ClientQuery) Validate() error {
	var errs FieldErrors
	if q.Limit < 0 || q.Limit > 500 {
		errs.Add("limit", "range", "The limit is between 0 and 500.")
	}
	if q.Offset < 0 {
		errs.Add("offset", "range", "The offset cannot be negative.")
	}
	for _, g := range [][][]TextMatch{q.Name, q.Family, q.Given} {
		for _, or := range g {
			for _, m := range or {
				if len([]rune(m.Value)) > 100 {
					errs.Add("name", "too_long", "Please search with fewer than 100 characters.")
				}
			}
		}
	}
	return errs.Err()
}

// ClientSearchService searches clients by name, birth date and time of change.
type ClientSearchService interface {
	// SearchClients lists the clients the actor may see that q selects, by family then given
	// name then id, and how many match in all. EINVALID names the field; EFORBIDDEN for roles
	// that may not list clients.
	SearchClients(ctx context.Context, q ClientQuery) ([]*Client, int, error)
}
