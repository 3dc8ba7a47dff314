package fhir

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/internal/fhir/search"
)

// observationType serves the Observations of measures. A search of them needs no patient: the
// store selects measures by client, id, instrument, time taken and time stored among the
// clients the actor may see, and pages by measure id, so that one client's year of measures and
// a clinic-wide search by code and date are both one indexed query.
func observationType() *resourceType {
	owner := func(r r4.Resource) string { return refID(r.(*r4.Observation).Subject.Reference) }
	return &resourceType{
		name: "Observation", profile: profileScreening,
		doc: "Scores of measures: totals with LOINC codes and the severity band as interpretation, PHQ-9 item 9 on its own (44260-8), the AUDIT-C score within an AUDIT, the substance-use check-in. Ids are <QuestionnaireResponse id>.<total|item9|auditc>.",
		params: append(patientParams("Observation", true, owner),
			&param{name: "code", kind: kindToken, definition: hl7Param("clinical", "code"),
				doc:   "The LOINC code, e.g. http://loinc.org|44261-6 (PHQ-9 total) or 44260-8 (PHQ-9 item 9).",
				codes: func(r r4.Resource) []search.Code { o := r.(*r4.Observation); return codesOf(&o.Code) }},
			&param{name: "category", kind: kindToken, definition: hl7Param("Observation", "category"), doc: "survey.",
				codes: func(r r4.Resource) []search.Code { o := r.(*r4.Observation); return codesOf(&o.Category[0]) }},
			&param{name: "date", kind: kindDate, definition: hl7Param("clinical", "date"),
				doc: "When the questionnaire was answered (effectiveDateTime), with the date prefixes.",
				spans: func(r r4.Resource, loc *time.Location) []search.Span {
					return spans(loc, r.(*r4.Observation).EffectiveDateTime)
				}},
			statusParam("Observation", sysObservationStatus, func(r r4.Resource) string { return r.(*r4.Observation).Status }),
			&param{name: "derived-from", kind: kindReference, target: "QuestionnaireResponse", definition: hl7Param("Observation", "derived-from"),
				doc:  "The QuestionnaireResponse the score comes from.",
				refs: func(r r4.Resource) []string { return []string{r.(*r4.Observation).DerivedFrom[0].Reference} }}),
		read: func(ctx context.Context, h *Handler, id string) (r4.Resource, error) {
			mid, part, ok := splitObservationID(id)
			if !ok {
				return nil, notFound("Observation", id)
			}
			m, err := h.svc.Measures.FindMeasureByID(ctx, mid)
			if err != nil {
				return nil, err
			}
			for _, o := range Observations(m) {
				if o.ID == observationID(mid, part) {
					return o, nil
				}
			}
			return nil, notFound("Observation", id)
		},
		search: searchObservations,
	}
}

// questionnaireResponseType serves measures as QuestionnaireResponses, searched like
// Observations; POST imports one taken elsewhere (import.go).
func questionnaireResponseType() *resourceType {
	owner := func(r r4.Resource) string { return refID(r.(*r4.QuestionnaireResponse).Subject.Reference) }
	return &resourceType{
		name: "QuestionnaireResponse",
		doc:  "Measures: the answers to each questionnaire a client answered. POST records one answered elsewhere, scored by carepath, and answers 201 with the stored response holding its Observations as contained resources.",
		params: append(patientParams("QuestionnaireResponse", true, owner),
			&param{name: "questionnaire", kind: kindReference, target: "Questionnaire", definition: hl7Param("QuestionnaireResponse", "questionnaire"),
				doc: "The questionnaire: Questionnaire/phq9 (ids as Questionnaire's) or its canonical URL.",
				refs: func(r r4.Resource) []string {
					return []string{"Questionnaire/" + strings.TrimPrefix(r.(*r4.QuestionnaireResponse).Questionnaire, questionnaireBase)}
				}},
			&param{name: "authored", kind: kindDate, definition: hl7Param("QuestionnaireResponse", "authored"),
				doc: "When it was answered, with the date prefixes.",
				spans: func(r r4.Resource, loc *time.Location) []search.Span {
					return spans(loc, r.(*r4.QuestionnaireResponse).Authored)
				}},
			statusParam("QuestionnaireResponse", sysQRStatus, func(r r4.Resource) string { return r.(*r4.QuestionnaireResponse).Status })),
		read: func(ctx context.Context, h *Handler, id string) (r4.Resource, error) {
			m, err := h.svc.Measures.FindMeasureByID(ctx, id)
			if err != nil {
				return nil, err
			}
			return QuestionnaireResponse(m), nil
		},
		search: searchQuestionnaireResponses,
		create: createQuestionnaireResponse,
	}
}

// measureQuery turns the clauses the store can decide at the level of a measure into a store
// query: the patients, the measure ids (from _id through idOf, and from derived-from), the
// instruments, and the time taken (dateParam) and stored (_lastUpdated). none is true when no
// measure can match.
func measureQuery(q *query, dateParam string, idOf func(string) (string, bool), instruments []string) (mq carepath.MeasureQuery, none bool) {
	if ids, ok := q.patients(); ok {
		if len(ids) == 0 {
			return mq, true
		}
		mq.ClientIDs = ids
	}
	var measureIDs []string
	haveIDs := false
	addIDs := func(these []string) {
		if !haveIDs {
			measureIDs, haveIDs = these, true
		} else {
			measureIDs = intersect(measureIDs, these)
		}
	}
	if ids, ok := q.ids(); ok {
		var these []string
		for _, id := range ids {
			if mid, ok := idOf(id); ok && !slices.Contains(these, mid) {
				these = append(these, mid)
			}
		}
		addIDs(these)
	}
	for _, c := range q.named("derived-from") {
		var these []string
		for _, r := range c.refs {
			these = append(these, r.ID)
		}
		addIDs(these)
	}
	if haveIDs {
		if len(measureIDs) == 0 {
			return mq, true
		}
		mq.IDs = measureIDs
	}
	if instruments != nil {
		if len(instruments) == 0 {
			return mq, true
		}
		mq.Instruments = instruments
	}
	for _, c := range q.named(dateParam) {
		mq.Taken = append(mq.Taken, timeGroup(c, q))
	}
	for _, c := range q.named("_lastUpdated") {
		mq.Created = append(mq.Created, timeGroup(c, q))
	}
	return mq, false
}

// searchQuestionnaireResponses pages the measures the store selects, one response each; the
// _page token is the id of the last response shown.
func searchQuestionnaireResponses(ctx context.Context, h *Handler, q *query) (*result, error) {
	var instruments []string
	for i, c := range q.named("questionnaire") {
		var these []string
		for _, r := range c.refs {
			if f := byFHIRID[r.ID]; f != nil {
				these = append(these, f.id)
			}
		}
		if i == 0 {
			instruments = these
		} else {
			instruments = intersect(instruments, these)
		}
		if instruments == nil {
			instruments = []string{}
		}
	}
	for _, c := range q.named("status") {
		if !slices.ContainsFunc(c.tokens, func(t search.Token) bool { return t.Matches(search.Code{System: sysQRStatus, Code: "completed"}) }) {
			return pageSlice(nil, q)
		}
	}
	mq, none := measureQuery(q, "authored", func(id string) (string, bool) { return id, true }, instruments)
	if none {
		return pageSlice(nil, q)
	}
	mq.After, mq.Limit = q.page, min(max(q.count, 1)+1, carepath.MaxMeasureLimit)
	page, err := h.svc.Measures.SearchMeasures(ctx, mq)
	if err != nil {
		return nil, err
	}
	total := 0
	for _, n := range page.Counts {
		total += n
	}
	res := &result{total: &total}
	if q.summaryCount || q.count == 0 {
		return res, nil
	}
	for i, m := range page.Measures {
		if i == q.count {
			res.next = page.Measures[i-1].ID
			break
		}
		res.matches = append(res.matches, QuestionnaireResponse(m))
	}
	return res, nil
}
