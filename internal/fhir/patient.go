package fhir

import (
	"context"
	"regexp"
	"strconv"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/internal/fhir/search"
)

// languageTag matches the simple BCP 47 tags a preferred language is often written as ("es",
// "en-US"), which then become a coding; anything else stays text.
var languageTag = regexp.MustCompile(`^[a-z]{2,3}(-[A-Z]{2})?$`)

// Patient maps a client to a US Core Patient. Its administrative gender is the sex the client's
// insurer has on file (F female, M male), the only such field carepath records, and "unknown"
// otherwise, as US Core asks when it is not known. The preferred name is a second,
// "usual" name; the emergency contact a contact with role C (emergency contact).
func Patient(c *carepath.Client) *r4.Patient {
	p := &r4.Patient{
		Base: r4.Base{ResourceType: "Patient", ID: c.ID, Meta: meta(c.Version, c.UpdatedAt, profilePatient)},
		Identifier: []r4.Identifier{{Use: "usual", System: sysClientID, Value: c.ID,
			Type: r4.Concept(sysV2IdentifierType, "MR", "Medical record number", "")}},
		Active:    r4.Bool(true),
		Name:      []r4.HumanName{{Use: "official", Family: c.FamilyName, Given: []string{c.GivenName}}},
		Gender:    administrativeGender(c.PayerSex),
		BirthDate: c.BirthDate,
	}
	if c.PreferredName != "" {
		p.Name = append(p.Name, r4.HumanName{Use: "usual", Family: c.FamilyName, Given: []string{c.PreferredName}})
	}
	if c.Phone != "" {
		p.Telecom = append(p.Telecom, r4.ContactPoint{System: "phone", Value: c.Phone})
	}
	if c.Email != "" {
		p.Telecom = append(p.Telecom, r4.ContactPoint{System: "email", Value: c.Email})
	}
	if lang := c.PreferredLanguage; lang != "" {
		cc := r4.CodeableConcept{Text: lang}
		if languageTag.MatchString(lang) {
			cc.Coding = []r4.Coding{{System: sysBCP47, Code: lang}}
		}
		p.Communication = []r4.PatientCommunication{{Language: cc, Preferred: r4.Bool(true)}}
	}
	if e := c.EmergencyContact; e.Name != "" {
		rel := []r4.CodeableConcept{{Coding: []r4.Coding{{System: sysV2ContactRole, Code: "C", Display: "Emergency Contact"}}}}
		if e.Relationship != "" {
			rel = append(rel, r4.CodeableConcept{Text: e.Relationship})
		}
		contact := r4.PatientContact{Relationship: rel, Name: &r4.HumanName{Text: e.Name}}
		if e.Phone != "" {
			contact.Telecom = []r4.ContactPoint{{System: "phone", Value: e.Phone}}
		}
		p.Contact = []r4.PatientContact{contact}
	}
	if c.PrimaryClinicianID != "" {
		p.GeneralPractitioner = []r4.Reference{*r4.Ref("Practitioner", c.PrimaryClinicianID)}
	}
	p.ManagingOrganization = r4.Ref("Organization", organizationID)
	return p
}

// patientType serves Patient: read by id, and search by id, identifier, names, birth date and
// time of change, all done by the store so that pages come from the database.
func patientType() *resourceType {
	names := func(given, family bool) func(r r4.Resource) []string {
		return func(r r4.Resource) []string {
			var out []string
			for _, n := range r.(*r4.Patient).Name {
				if family {
					out = append(out, n.Family)
				}
				if given {
					out = append(out, n.Given...)
				}
			}
			return out
		}
	}
	return &resourceType{
		name: "Patient", profile: profilePatient,
		doc: "Clients: names, birth date, contacts, emergency contact, preferred language and primary clinician.",
		params: []*param{
			{name: "identifier", kind: kindToken, definition: hl7Param("Patient", "identifier"),
				doc: "The client id, with or without the system " + sysClientID + ".",
				codes: func(r r4.Resource) []search.Code {
					var out []search.Code
					for _, i := range r.(*r4.Patient).Identifier {
						out = append(out, search.Code{System: i.System, Code: i.Value})
					}
					return out
				}},
			{name: "name", kind: kindString, definition: hl7Param("Patient", "name"), texts: names(true, true),
				doc: "A given, family or preferred name that starts with the value, ignoring case (:exact, :contains)."},
			{name: "family", kind: kindString, definition: hl7Param("individual", "family"), texts: names(false, true),
				doc: "The family name, as for name."},
			{name: "given", kind: kindString, definition: hl7Param("individual", "given"), texts: names(true, false),
				doc: "The given or preferred name, as for name."},
			{name: "birthdate", kind: kindDate, definition: hl7Param("individual", "birthdate"),
				doc:   "The birth date, with the date prefixes.",
				spans: func(r r4.Resource, loc *time.Location) []search.Span { return spans(loc, r.(*r4.Patient).BirthDate) }},
		},
		read: func(ctx context.Context, h *Handler, id string) (r4.Resource, error) {
			c, err := h.svc.Clients.FindClientByID(ctx, id)
			if err != nil {
				return nil, err
			}
			return Patient(c), nil
		},
		search:     searchPatients,
		everything: true,
	}
}

// searchPatients turns the clauses into a store query, so that the store pages the result.
func searchPatients(ctx context.Context, h *Handler, q *query) (*result, error) {
	var cq carepath.ClientQuery
	ids, haveIDs := q.ids()
	for _, c := range q.clauses {
		switch c.p.name {
		case "identifier":
			var these []string
			for _, t := range c.tokens {
				if !t.HasSystem || t.System == sysClientID {
					these = append(these, t.Code)
				}
			}
			if !haveIDs {
				ids, haveIDs = these, true
			} else {
				ids = intersect(ids, these)
			}
		case "name", "family", "given":
			var g []carepath.TextMatch
			for _, s := range c.strs {
				g = append(g, carepath.TextMatch{Value: s.Value, Exact: s.Exact, Contains: s.Contains})
			}
			switch c.p.name {
			case "name":
				cq.Name = append(cq.Name, g)
			case "family":
				cq.Family = append(cq.Family, g)
			default:
				cq.Given = append(cq.Given, g)
			}
		case "birthdate":
			var g []carepath.DateRange
			for _, d := range c.dates {
				g = append(g, search.DateRanges(d.Ranges(search.Days(q.zone), q.now), q.zone)...)
			}
			cq.BirthDate = append(cq.BirthDate, g)
		case "_lastUpdated":
			cq.Updated = append(cq.Updated, timeGroup(c, q))
		}
	}
	if haveIDs {
		if len(ids) == 0 {
			return pageSlice(nil, q)
		}
		cq.IDs = ids
	}
	offset, err := pageOffset(q)
	if err != nil {
		return nil, err
	}
	cq.Limit, cq.Offset = max(q.count, 1), offset
	list, total, err := h.svc.Clients.SearchClients(ctx, cq)
	if err != nil {
		return nil, err
	}
	res := &result{total: &total}
	if q.summaryCount {
		return res, nil
	}
	for _, c := range list {
		res.matches = append(res.matches, Patient(c))
	}
	if q.count > 0 && offset+len(list) < total {
		res.next = itoa(offset + len(list))
	}
	if q.count == 0 {
		res.matches = nil
	}
	return res, nil
}

// timeGroup returns the stored instants a date clause matches, shown to the second.
func timeGroup(c clause, q *query) []carepath.TimeRange {
	var g []carepath.TimeRange
	for _, d := range c.dates {
		g = append(g, d.Ranges(search.Seconds, q.now)...)
	}
	return search.Union(g)
}

// pageOffset reads the offset a _page token holds.
func pageOffset(q *query) (int, error) {
	if q.page == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(q.page)
	if err != nil || n < 0 {
		return 0, badRequest("invalid", "_page is not a page of this search; follow the links of the result bundle.")
	}
	return n, nil
}

// intersect returns the elements of a that are in b.
func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		for _, y := range b {
			if x == y {
				out = append(out, x)
				break
			}
		}
	}
	return out
}

// administrativeGender maps a client's PayerSex to FHIR's administrative gender.
func administrativeGender(payerSex string) string {
	switch payerSex {
	case carepath.PayerSexFemale:
		return "female"
	case carepath.PayerSexMale:
		return "male"
	}
	return "unknown"
}
