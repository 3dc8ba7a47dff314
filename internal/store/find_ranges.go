package store

import (
	"strconv"
	"strings"

	"github.com/carepath/carepath"
)

// sqlArgs collects the arguments of one statement and names each by its placeholder.
type sqlArgs struct{ list []any }

// add appends v and returns its placeholder ($N).
func (a *sqlArgs) add(v any) string {
	a.list = append(a.list, v)
	return "$" + strconv.Itoa(len(a.list))
}

// in returns "column IN ($i, …)" over values, or "1 = 0" when there are none.
func (a *sqlArgs) in(column string, values []string) string {
	if len(values) == 0 {
		return "1 = 0"
	}
	ph := make([]string, len(values))
	for i, v := range values {
		ph[i] = a.add(v)
	}
	return column + " IN (" + strings.Join(ph, ", ") + ")"
}

// timeRanges returns the condition that column lies in one range of each group, or "" when
// there are no groups. An empty group holds for no row.
func (a *sqlArgs) timeRanges(column string, groups [][]carepath.TimeRange) string {
	var and []string
	for _, g := range groups {
		var or []string
		for _, r := range g {
			var c []string
			if !r.From.IsZero() {
				c = append(c, column+" >= "+a.add(r.From.UTC()))
			}
			if !r.To.IsZero() {
				c = append(c, column+" < "+a.add(r.To.UTC()))
			}
			if len(c) == 0 {
				c = []string{"1 = 1"}
			}
			or = append(or, "("+strings.Join(c, " AND ")+")")
		}
		if len(or) == 0 {
			or = []string{"1 = 0"}
		}
		and = append(and, "("+strings.Join(or, " OR ")+")")
	}
	return strings.Join(and, " AND ")
}

// dateRanges is timeRanges for a column of civil dates (YYYY-MM-DD).
func (a *sqlArgs) dateRanges(column string, groups [][]carepath.DateRange) string {
	var and []string
	for _, g := range groups {
		var or []string
		for _, r := range g {
			var c []string
			if r.From != "" {
				c = append(c, column+" >= "+a.add(r.From))
			}
			if r.To != "" {
				c = append(c, column+" < "+a.add(r.To))
			}
			if len(c) == 0 {
				c = []string{"1 = 1"}
			}
			or = append(or, "("+strings.Join(c, " AND ")+")")
		}
		if len(or) == 0 {
			or = []string{"1 = 0"}
		}
		and = append(and, "("+strings.Join(or, " OR ")+")")
	}
	return strings.Join(and, " AND ")
}

// textMatches returns the condition that one of columns matches one entry of each group (see
// carepath.TextMatch), or "" when there are no groups.
func (a *sqlArgs) textMatches(columns []string, groups [][]carepath.TextMatch) string {
	var and []string
	for _, g := range groups {
		var or []string
		for _, m := range g {
			for _, col := range columns {
				switch {
				case m.Exact:
					or = append(or, col+" = "+a.add(m.Value))
				case m.Contains:
					or = append(or, "lower("+col+") LIKE "+a.add("%"+escapeLike(strings.ToLower(m.Value))+"%")+` ESCAPE '\'`)
				default:
					or = append(or, "lower("+col+") LIKE "+a.add(escapeLike(strings.ToLower(m.Value))+"%")+` ESCAPE '\'`)
				}
			}
		}
		if len(or) == 0 {
			or = []string{"1 = 0"}
		}
		and = append(and, "("+strings.Join(or, " OR ")+")")
	}
	return strings.Join(and, " AND ")
}

// where joins the non-empty conditions with AND into a WHERE clause ("" when there are none).
func where(conds ...string) string {
	var keep []string
	for _, c := range conds {
		if c != "" {
			keep = append(keep, c)
		}
	}
	if len(keep) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(keep, " AND ")
}
