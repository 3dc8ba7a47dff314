package fhir

import (
	"net/http"

	"github.com/carepath/carepath/internal/fhir/r4"
)

// capability builds the CapabilityStatement from the table of resource types, the same table
// the router is built from: what it lists is exactly what answers.
func (h *Handler) capability(r *http.Request) *r4.CapabilityStatement {
	base := h.base(r)
	cs := &r4.CapabilityStatement{
		ResourceType: "CapabilityStatement", ID: "carepath", Name: "CarepathFHIRServer", Title: "carepath FHIR R4 server",
		Status: "active", Date: r4.Instant(h.opt.Now()), Publisher: "carepath", Kind: "instance",
		Description:    "carepath's records as FHIR R4 resources, read and searched, mapped from its own records when asked for.",
		Software:       &r4.CapabilitySoftware{Name: "carepath", Version: h.opt.Version},
		Implementation: &r4.CapabilityImplementing{Description: "carepath FHIR R4 endpoint", URL: base},
		FhirVersion:    "4.0.1",
		Format:         []string{fhirJSON, "json"},
	}
	rest := r4.CapabilityRest{Mode: "server",
		Documentation: "Unknown search parameters are ignored with a warning in the result bundle, or refused with 400 under Prefer: handling=strict. " +
			"_count (at most 500, default 50) pages results; follow the next link. _summary=count gives the total only. " +
			"Dates without a time zone are read in the server's zone. Reads the actor may not make, and records that do not exist, answer 404 alike.",
		Security: &r4.CapabilitySecurity{Cors: boolPtr(false),
			Description: "Send a carepath API token as Authorization: Bearer <token> (carepath token add), or use a staff member's sign-in session. carepath's access policy decides every read, and every read of client data is in the audit log. " +
				"What goes to an outside party's token goes through the 42 CFR Part 2 disclosure gate: a Part 2 client's records only with the client's consent naming the recipient and purpose, " +
				"labelled 42CFRPart2 in meta.security and with the 42 CFR 2.32 notice (Part2-Notice header; in a bundle, an OperationOutcome entry)."}}
	for _, t := range h.types {
		res := r4.CapabilityResource{Type: t.name, Profile: t.profile, Documentation: t.doc,
			Interaction: []r4.CapabilityCode{{Code: "read"}, {Code: "search-type"}},
			Versioning:  "no-version", ReadHistory: boolPtr(false), UpdateCreate: boolPtr(false),
			ConditionalCreate: boolPtr(false), ConditionalRead: "not-supported", ConditionalUpdate: boolPtr(false),
			ConditionalDelete: "not-supported"}
		if versioned[t.name] {
			res.Versioning = "versioned"
		}
		if t.create != nil {
			res.Interaction = append(res.Interaction, r4.CapabilityCode{Code: "create"})
		}
		for _, p := range t.params {
			res.SearchParam = append(res.SearchParam, r4.CapabilitySearch{Name: p.name, Definition: p.definition, Type: p.kind, Documentation: p.doc})
		}
		if t.everything {
			res.Operation = []r4.CapabilityOperation{{Name: "everything", Definition: "http://hl7.org/fhir/OperationDefinition/Patient-everything",
				Documentation: "One client's record as a searchset bundle; _since, _count."}}
		}
		rest.Resource = append(rest.Resource, res)
	}
	cs.Rest = []r4.CapabilityRest{rest}
	return cs
}

// metadata serves GET /metadata, to anyone: it holds no client data.
func (h *Handler) metadata(w http.ResponseWriter, r *http.Request) {
	h.write(w, r, http.StatusOK, h.capability(r))
}

func boolPtr(b bool) *bool { return &b }
