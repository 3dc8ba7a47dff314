package fhir

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/internal/fhir/search"
)

// The page sizes of searches: _count defaults to defaultCount and is cut to maxCount.
const (
	defaultCount = 50
	maxCount     = 500
)

// query is a parsed search: its clauses (all must hold; within a clause any value may), the
// paging and result parameters, and what was ignored.
type query struct {
	t            *resourceType
	clauses      []clause
	count        int
	page         string // the _page token of a next link: where this page starts
	summaryCount bool   // _summary=count: the total only
	used         url.Values
	warnings     []r4.Issue
	now          time.Time
	zone         *time.Location
}

// clause is one occurrence of a search parameter with its values.
type clause struct {
	p        *param
	modifier string
	dates    []search.Date
	tokens   []search.Token
	refs     []search.Reference
	strs     []search.String
}

// controlParams are the result parameters the server knows; those it does not act on are
// reported as ignored (or refused when the client asks for strict handling).
var controlParams = map[string]bool{"_count": true, "_page": true, "_format": true, "_pretty": true, "_summary": true,
	"_total": true, "_sort": true, "_elements": true, "_include": true, "_revinclude": true, "_contained": true,
	"_containedType": true}

// parseQuery reads the search parameters of a request for type t. Unknown parameters are
// ignored with a warning, or refused with 400 when the request says Prefer: handling=strict;
// an unsupported modifier or a malformed value is always refused with 400, since ignoring it
// would answer a different question.
func (h *Handler) parseQuery(t *resourceType, values url.Values, strict bool) (*query, error) {
	q := &query{t: t, count: defaultCount, used: url.Values{}, now: h.opt.Now(), zone: h.opt.Zone}
	params := map[string]*param{}
	for _, p := range t.params {
		params[p.name] = p
	}
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	sort.Strings(names)
	var ignored []string
	for _, full := range names {
		name, modifier, _ := strings.Cut(full, ":")
		vals := values[full]
		if controlParams[name] {
			if err := q.control(name, modifier, vals, &ignored); err != nil {
				return nil, err
			}
			continue
		}
		p := params[name]
		if p == nil {
			ignored = append(ignored, full)
			continue
		}
		if err := checkModifier(p, modifier); err != nil {
			return nil, err
		}
		for _, v := range vals {
			if v == "" {
				continue
			}
			c, err := q.parseClause(p, modifier, v)
			if err != nil {
				return nil, err
			}
			q.clauses = append(q.clauses, c)
			q.used.Add(full, v)
		}
	}
	if len(ignored) > 0 {
		if strict {
			return nil, badRequest("not-supported", fmt.Sprintf("%s does not support the search parameter %s (Prefer: handling=strict).",
				t.name, strings.Join(ignored, ", ")))
		}
		q.warnings = append(q.warnings, r4.Issue{Severity: "warning", Code: "not-supported",
			Diagnostics: "Ignored: " + strings.Join(ignored, ", ") + ". The CapabilityStatement at /metadata lists what " + t.name + " supports."})
	}
	return q, nil
}

// control reads a result parameter.
func (q *query) control(name, modifier string, vals []string, ignored *[]string) error {
	v := vals[len(vals)-1]
	switch name {
	case "_count":
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return badRequest("invalid", "_count takes a whole number of 0 or more.")
		}
		q.count = min(n, maxCount)
		q.used.Set("_count", strconv.Itoa(q.count))
	case "_page":
		q.page = v
	case "_format", "_pretty":
	case "_summary":
		if v != "count" {
			*ignored = append(*ignored, name+"="+v)
			return nil
		}
		q.summaryCount = true
		q.used.Set("_summary", "count")
	case "_total":
	default:
		*ignored = append(*ignored, name)
	}
	if modifier != "" {
		*ignored = append(*ignored, name+":"+modifier)
	}
	return nil
}

// checkModifier refuses the modifiers p does not support: a reference takes its target type
// (subject:Patient), a string :exact and :contains; nothing else takes one.
func checkModifier(p *param, modifier string) error {
	ok := modifier == "" ||
		p.kind == kindReference && modifier == p.target ||
		p.kind == kindString && (modifier == "exact" || modifier == "contains")
	if !ok {
		return badRequest("not-supported", fmt.Sprintf("The modifier :%s is not supported on %s.", modifier, p.name))
	}
	return nil
}

// parseClause reads one occurrence of p: its comma-separated values.
func (q *query) parseClause(p *param, modifier, v string) (clause, error) {
	c := clause{p: p, modifier: modifier}
	for _, s := range search.SplitValues(v) {
		var err error
		switch p.kind {
		case kindDate:
			var d search.Date
			if d, err = search.ParseDate(s, q.zone); err == nil {
				c.dates = append(c.dates, d)
			}
		case kindToken:
			var t search.Token
			if t, err = search.ParseToken(s); err == nil {
				c.tokens = append(c.tokens, t)
			}
		case kindReference:
			var r search.Reference
			if r, err = search.ParseReference(s, modifier); err == nil {
				if r.Type == "" {
					r.Type = p.target
				}
				if r.Type != p.target {
					err = fmt.Errorf("takes a %s reference, not %s", p.target, r.Type)
					break
				}
				c.refs = append(c.refs, r)
			}
		case kindString:
			c.strs = append(c.strs, search.String{Value: s, Exact: modifier == "exact", Contains: modifier == "contains"})
		}
		if err != nil {
			return clause{}, badRequest("invalid", fmt.Sprintf("%s: %v", p.name, err))
		}
	}
	return c, nil
}

// matches reports whether r meets every clause of q.
func (q *query) matches(r r4.Resource) bool {
	for _, c := range q.clauses {
		if !c.matches(r, q.now, q.zone) {
			return false
		}
	}
	return true
}

// matches reports whether one of r's values for c's parameter matches one of c's values.
func (c clause) matches(r r4.Resource, now time.Time, zone *time.Location) bool {
	switch c.p.kind {
	case kindDate:
		for _, sp := range c.p.spans(r, zone) {
			if slices.ContainsFunc(c.dates, func(d search.Date) bool { return d.Matches(sp, now) }) {
				return true
			}
		}
	case kindToken:
		for _, code := range c.p.codes(r) {
			if slices.ContainsFunc(c.tokens, func(t search.Token) bool { return t.Matches(code) }) {
				return true
			}
		}
	case kindReference:
		for _, ref := range c.p.refs(r) {
			if slices.ContainsFunc(c.refs, func(x search.Reference) bool { return x.Matches(ref) }) {
				return true
			}
		}
	case kindString:
		for _, s := range c.p.texts(r) {
			if slices.ContainsFunc(c.strs, func(x search.String) bool { return x.Matches(s) }) {
				return true
			}
		}
	}
	return false
}

// named returns the clauses of the parameter called name.
func (q *query) named(name string) []clause {
	var out []clause
	for _, c := range q.clauses {
		if c.p.name == name {
			out = append(out, c)
		}
	}
	return out
}

// patients returns the client ids the patient (or subject) clauses allow, and false when
// there is no such clause. Several clauses must all hold, so their ids intersect; a reference
// to another type allows no client.
func (q *query) patients() ([]string, bool) {
	var ids []string
	found := false
	for _, c := range q.clauses {
		if !c.p.patient {
			continue
		}
		var these []string
		for _, r := range c.refs {
			if r.Type == "Patient" && !slices.Contains(these, r.ID) {
				these = append(these, r.ID)
			}
		}
		if !found {
			ids, found = these, true
		} else {
			ids = slices.DeleteFunc(ids, func(id string) bool { return !slices.Contains(these, id) })
		}
	}
	return ids, found
}

// ids returns the ids the _id clauses allow, and false when there is none.
func (q *query) ids() ([]string, bool) {
	var ids []string
	found := false
	for _, c := range q.named("_id") {
		var these []string
		for _, t := range c.tokens {
			if !t.HasSystem || t.System == "" {
				these = append(these, t.Code)
			}
		}
		if !found {
			ids, found = these, true
		} else {
			ids = slices.DeleteFunc(ids, func(id string) bool { return !slices.Contains(these, id) })
		}
	}
	return ids, found
}

// strictHandling reports whether the request asks for strict handling of unknown parameters.
func strictHandling(r *http.Request) bool {
	for _, v := range r.Header.Values("Prefer") {
		for _, part := range strings.Split(v, ",") {
			k, val, _ := strings.Cut(strings.TrimSpace(part), "=")
			if strings.EqualFold(strings.TrimSpace(k), "handling") && strings.EqualFold(strings.Trim(strings.TrimSpace(val), `"`), "strict") {
				return true
			}
		}
	}
	return false
}
