package fhir

import (
	"context"
	"net/http"
	"time"

	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/internal/fhir/search"
)

// resourceType is one resource type the server serves: how to read one, how to search, its
// search parameters and what else it supports. The router (routes.go) and the
// CapabilityStatement (capability.go) are both built from the table of these
// (resourceTypes), so that what the statement lists is exactly what answers.
type resourceType struct {
	name    string
	profile string // the profile every instance claims, "" for none
	doc     string // what the type holds, for the CapabilityStatement
	// params are the search parameters; _id and _lastUpdated are added to every type.
	params []*param
	read   func(ctx context.Context, h *Handler, id string) (r4.Resource, error)
	search func(ctx context.Context, h *Handler, q *query) (*result, error)
	// create, when set, serves POST /<type>.
	create func(h *Handler, w http.ResponseWriter, r *http.Request)
	// everything marks Patient: GET /Patient/{id}/$everything.
	everything bool
}

// param is one search parameter of a resource type: its name and kind ("token", "date",
// "reference" or "string"), and the function that gives a resource's values for it.
type param struct {
	name       string
	kind       string
	doc        string
	definition string // the canonical URL of HL7's SearchParameter it follows, if any
	target     string // a reference parameter: the type it points at
	patient    bool   // a reference to the patient: the record's owner (patient, subject)
	codes      func(r4.Resource) []search.Code
	spans      func(r4.Resource, *time.Location) []search.Span
	refs       func(r4.Resource) []string
	texts      func(r4.Resource) []string
}

// The kinds of search parameters.
const (
	kindToken     = "token"
	kindDate      = "date"
	kindReference = "reference"
	kindString    = "string"
)

// hl7Param returns the canonical URL of HL7's search parameter name of type typ.
func hl7Param(typ, name string) string {
	return "http://hl7.org/fhir/SearchParameter/" + typ + "-" + name
}

// commonParams are the parameters every resource type has: _id and _lastUpdated.
func commonParams() []*param {
	return []*param{
		{name: "_id", kind: kindToken, definition: "http://hl7.org/fhir/SearchParameter/Resource-id",
			doc:   "The logical id; several ids separated by commas match any of them.",
			codes: func(r r4.Resource) []search.Code { return []search.Code{{Code: r.ResourceID()}} }},
		{name: "_lastUpdated", kind: kindDate, definition: "http://hl7.org/fhir/SearchParameter/Resource-lastUpdated",
			doc: "When the record last changed (meta.lastUpdated), with the date prefixes; resources without meta.lastUpdated never match.",
			spans: func(r r4.Resource, loc *time.Location) []search.Span {
				if m := r.ResourceMeta(); m != nil {
					return spans(loc, m.LastUpdated)
				}
				return nil
			}},
	}
}

// patientParams returns the reference parameter patient of a type whose records belong to one
// client, read by owner, and subject when the type has it in R4.
func patientParams(typ string, withSubject bool, owner func(r4.Resource) string) []*param {
	refs := func(r r4.Resource) []string {
		if id := owner(r); id != "" {
			return []string{"Patient/" + id}
		}
		return nil
	}
	def := hl7Param("clinical", "patient")
	if typ == "Appointment" || typ == "QuestionnaireResponse" {
		def = hl7Param(typ, "patient")
	}
	out := []*param{{name: "patient", kind: kindReference, target: "Patient", patient: true, refs: refs,
		definition: def, doc: "The client: Patient/{id} or {id}; several separated by commas."}}
	if withSubject {
		out = append(out, &param{name: "subject", kind: kindReference, target: "Patient", patient: true, refs: refs,
			definition: hl7Param(typ, "subject"), doc: "The client, as for patient (only Patient subjects)."})
	}
	return out
}

// spans returns the spans of the date texts that are set.
func spans(loc *time.Location, texts ...string) []search.Span {
	var out []search.Span
	for _, s := range texts {
		if sp, ok := search.SpanOf(s, loc); ok {
			out = append(out, sp)
		}
	}
	return out
}

// codesOf returns the codings of concepts as search codes.
func codesOf(concepts ...*r4.CodeableConcept) []search.Code {
	var out []search.Code
	for _, c := range concepts {
		if c == nil {
			continue
		}
		for _, cd := range c.Coding {
			out = append(out, search.Code{System: cd.System, Code: cd.Code})
		}
	}
	return out
}

// statusParam returns the status parameter of a type whose status codes are from system.
func statusParam(typ, system string, status func(r4.Resource) string) *param {
	return &param{name: "status", kind: kindToken, definition: hl7Param(typ, "status"),
		doc: "The status code.", codes: func(r r4.Resource) []search.Code {
			return []search.Code{{System: system, Code: status(r)}}
		}}
}
