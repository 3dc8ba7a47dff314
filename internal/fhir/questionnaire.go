package fhir

import (
	"context"
	"strings"

	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/internal/fhir/search"
)

// Questionnaire maps a form: its instructions as a display item, then each question with its
// LOINC code and, for a choice, the options in the published order, each with its LOINC answer
// code (or carepath's) and the points it scores as the ordinalValue extension. The attribution
// is the copyright. Forms are carepath's code, not records: they have no meta.
func Questionnaire(f *form) *r4.Questionnaire {
	q := &r4.Questionnaire{
		Base: r4.Base{ResourceType: "Questionnaire", ID: f.fid},
		URL:  f.url(), Name: f.name, Title: f.title, Status: "active", SubjectType: []string{"Patient"},
		Publisher:   "carepath",
		Description: f.title + " as carepath asks and scores it. Answers given elsewhere can be recorded with POST QuestionnaireResponse.",
		Copyright:   f.attribution,
	}
	if f.panel != "" {
		q.Code = []r4.Coding{{System: sysLOINC, Code: f.panel, Display: f.title}}
	}
	q.Item = append(q.Item, r4.QuestionnaireItem{LinkID: "instructions", Type: "display", Text: f.instructions})
	for i, it := range f.items {
		qi := r4.QuestionnaireItem{LinkID: it.key, Prefix: itoa(i+1) + ".", Text: it.text, Required: r4.Bool(true)}
		if it.loinc != "" {
			qi.Code = []r4.Coding{{System: sysLOINC, Code: it.loinc}}
		}
		if yes := f.yesOf(it.follows); yes != nil {
			qi.EnableWhen = []r4.QuestionnaireEnableWhen{{Question: it.follows, Operator: "=", AnswerCoding: yes}}
			qi.Required = nil // asked only after a yes
		}
		if it.options == nil {
			qi.Type = "integer"
			qi.Extension = []r4.Extension{{URL: extMinValue, ValueInteger: r4.Integer(it.min)}, {URL: extMaxValue, ValueInteger: r4.Integer(it.max)}}
		} else {
			qi.Type = "choice"
			for _, o := range it.options {
				c := o.coding
				qi.AnswerOption = append(qi.AnswerOption, r4.QuestionnaireAnswerOption{ValueCoding: &c,
					Extension: []r4.Extension{{URL: extOrdinalValue, ValueDecimal: r4.Decimal(float64(o.points))}}})
			}
		}
		q.Item = append(q.Item, qi)
	}
	return q
}

// yesOf returns the coding of the "Yes" option of the item with key, nil when there is none.
func (f *form) yesOf(key string) *r4.Coding {
	for _, it := range f.items {
		if it.key != key || key == "" {
			continue
		}
		for _, o := range it.options {
			if o.label == "Yes" {
				c := o.coding
				return &c
			}
		}
	}
	return nil
}

// questionnaireType serves the forms.
func questionnaireType() *resourceType {
	return &resourceType{
		name: "Questionnaire", doc: "The instruments carepath scores (" + formNames() + "), with items, LOINC codes, answer options with their points, and attribution.",
		params: []*param{
			{name: "url", kind: kindToken, definition: hl7Param("Questionnaire", "url"), doc: "The canonical URL.",
				codes: func(r r4.Resource) []search.Code { return []search.Code{{Code: r.(*r4.Questionnaire).URL}} }},
			{name: "name", kind: kindString, definition: hl7Param("Questionnaire", "name"), doc: "The computer-friendly name, e.g. PHQ9.",
				texts: func(r r4.Resource) []string { return []string{r.(*r4.Questionnaire).Name} }},
			{name: "title", kind: kindString, definition: hl7Param("Questionnaire", "title"), doc: "The title.",
				texts: func(r r4.Resource) []string { return []string{r.(*r4.Questionnaire).Title} }},
			{name: "code", kind: kindToken, definition: hl7Param("Questionnaire", "code"), doc: "The LOINC code of the panel or of an item.",
				codes: func(r r4.Resource) []search.Code {
					q := r.(*r4.Questionnaire)
					var out []search.Code
					for _, c := range q.Code {
						out = append(out, search.Code{System: c.System, Code: c.Code})
					}
					for _, it := range q.Item {
						for _, c := range it.Code {
							out = append(out, search.Code{System: c.System, Code: c.Code})
						}
					}
					return out
				}},
			statusParam("Questionnaire", sysPublicationStatus, func(r r4.Resource) string { return r.(*r4.Questionnaire).Status }),
		},
		read: func(ctx context.Context, h *Handler, id string) (r4.Resource, error) {
			f := byFHIRID[id]
			if f == nil {
				return nil, notFound("Questionnaire", id)
			}
			return Questionnaire(f), nil
		},
		search: listAll(func(ctx context.Context, h *Handler) ([]r4.Resource, error) {
			out := make([]r4.Resource, len(allForms))
			for i, f := range allForms {
				out[i] = Questionnaire(f)
			}
			return out, nil
		}),
	}
}

// formNames lists the forms' ids, for documentation.
func formNames() string {
	var ids []string
	for _, f := range allForms {
		ids = append(ids, f.fid)
	}
	return strings.Join(ids, ", ")
}
