package fhir

import (
	"context"
	"slices"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
)

// prototypes are the observations of a measure of each form, for deciding which forms and
// parts a clause about codes can match.
var prototypes = buildPrototypes()

func buildPrototypes() map[string][]*r4.Observation {
	out := map[string][]*r4.Observation{}
	for _, f := range allForms {
		m := &carepath.Measure{ID: "m", ClientID: "c", Instrument: f.id, Answers: make([]int, len(f.items)), Source: carepath.MeasureByStaff}
		out[f.id] = Observations(m)
	}
	return out
}

// partsMatching returns, per form, how many of its observations the clauses on code,
// category and status allow (forms with none are left out), and whether any such clause was
// given.
func partsMatching(q *query) (map[string]int, bool) {
	var cs []clause
	for _, c := range q.clauses {
		switch c.p.name {
		case "code", "category", "status":
			cs = append(cs, c)
		}
	}
	out := map[string]int{}
	for id, obs := range prototypes {
		for _, o := range obs {
			if !slices.ContainsFunc(cs, func(c clause) bool { return !c.matches(o, q.now, q.zone) }) {
				out[id]++
			}
		}
	}
	return out, len(cs) > 0
}

// searchObservations pages the observations of the measures the store selects. A page holds
// whole measures; the _page token names the last measure shown ("<id>"), or, when one
// measure's observations outnumber _count, where in it the next page starts ("<id>.<n>").
func searchObservations(ctx context.Context, h *Handler, q *query) (*result, error) {
	parts, byCode := partsMatching(q)
	var instruments []string
	if byCode {
		instruments = []string{}
		for id := range parts {
			instruments = append(instruments, id)
		}
		slices.Sort(instruments)
	}
	mq, none := measureQuery(q, "date", func(id string) (string, bool) {
		mid, _, ok := splitObservationID(id)
		return mid, ok
	}, instruments)
	if none {
		return pageSlice(nil, q)
	}
	after, skip := q.page, 0
	if mid, n, ok := strings.Cut(q.page, "."); ok {
		k, err := atoi(n)
		if err != nil || k < 1 {
			return nil, badRequest("invalid", "_page is not a page of this search; follow the links of the result bundle.")
		}
		after, skip = mid, k
	}
	res := &result{}
	first := true
	for {
		mq.Limit = min(max(q.count, 1)+1, carepath.MaxMeasureLimit)
		if skip > 0 {
			// The measure the last page stopped in: read it again from its part skip.
			one := mq
			one.IDs, one.After = []string{after}, ""
			page, err := h.svc.Measures.SearchMeasures(ctx, one)
			if err != nil {
				return nil, err
			}
			for _, m := range page.Measures {
				obs := matchingObservations(m, q)
				if skip < len(obs) {
					take := min(len(obs)-skip, q.count)
					res.matches = append(res.matches, obs[skip:skip+take]...)
					if skip+take < len(obs) {
						res.next = m.ID + "." + itoa(skip+take)
						return res, nil
					}
				}
			}
			skip = 0
		}
		mq.After = after
		page, err := h.svc.Measures.SearchMeasures(ctx, mq)
		if err != nil {
			return nil, err
		}
		if first {
			first = false
			if len(mq.IDs) == 0 {
				total := 0
				for inst, n := range page.Counts {
					total += n * parts[inst]
				}
				if !byCode {
					total = 0
					for inst, n := range page.Counts {
						total += n * len(prototypes[inst])
					}
				}
				res.total = &total
			}
			if q.summaryCount || q.count == 0 {
				return res, nil
			}
		}
		for _, m := range page.Measures {
			obs := matchingObservations(m, q)
			room := q.count - len(res.matches)
			switch {
			case len(obs) <= room:
				res.matches = append(res.matches, obs...)
				after = m.ID
			case len(res.matches) == 0:
				res.matches = obs[:room]
				res.next = m.ID + "." + itoa(room)
				return res, nil
			default:
				res.next = after
				return res, nil
			}
		}
		if len(page.Measures) < mq.Limit {
			return res, nil // no more measures
		}
		if len(res.matches) >= q.count {
			res.next = after
			return res, nil
		}
	}
}

// matchingObservations returns the observations of m that every clause allows.
func matchingObservations(m *carepath.Measure, q *query) []r4.Resource {
	var out []r4.Resource
	for _, o := range Observations(m) {
		if q.matches(o) {
			out = append(out, o)
		}
	}
	return out
}
