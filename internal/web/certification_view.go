package web

import (
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// certificationForm is the add-a-certification form as typed, with its errors by element id.
type certificationForm struct {
	Date, Kind, PhysicianName, PhysicianNPI, HoursPerWeek, Plan string
	Errors                                                      map[string]string
}

// certificationFields are the form's fields: the service's field path and the element id.
var certificationFields = []struct{ path, id string }{
	{"date", "cert-date"}, {"recertification", "cert-kind"}, {"physician_name", "cert-physician"},
	{"physician_npi", "cert-npi"}, {"hours_per_week", "cert-hours"}, {"plan", "cert-plan"},
}

// certificationSection is the "Physician certification" part of an episode's page, shown for an
// IOP episode of a client with Medicare coverage: the certifications on file, when the next
// recertification is due (a warning within 7 days, and when overdue), and the form to add one.
type certificationSection struct {
	Shown   bool
	Problem string
	List    []*carepath.Certification
	Status  certificationStatus
	CanAdd  bool
	Form    certificationForm
	Fields  []formField
}

// certificationStatus says where an open episode stands with its certifications: none on file,
// or the date the next recertification is due and whether that is within a week or past.
type certificationStatus struct {
	None             bool
	Due              string
	DueSoon, Overdue bool
}

// statusOf is the status of an episode's certifications on day today; an episode no longer
// open needs no recertification, so its status is empty.
func statusOf(ep *carepath.Episode, list []*carepath.Certification, today string) certificationStatus {
	if ep.Status != carepath.EpisodeOpen {
		return certificationStatus{}
	}
	due := carepath.RecertificationDue(list)
	if due == "" {
		return certificationStatus{None: true}
	}
	st := certificationStatus{Due: due, Overdue: due < today}
	if d, err := time.Parse(carepath.DateLayout, today); err == nil {
		st.DueSoon = !st.Overdue && due <= d.AddDate(0, 0, carepath.RecertificationWarnDays).Format(carepath.DateLayout)
	}
	return st
}

// medicareIOP reports whether ep is an IOP episode of a client with a Medicare coverage in
// force: the episodes Medicare pays only with a physician's certification.
func (s *Server) medicareIOP(r *http.Request, ep *carepath.Episode) bool {
	if ep.Level != carepath.LevelIOP || s.Coverages == nil || s.Payers == nil {
		return false
	}
	coverages, err := s.Coverages.FindCoverages(r.Context(), ep.ClientID)
	if err != nil || len(coverages) == 0 {
		return false
	}
	payers, err := s.Payers.FindPayers(r.Context())
	if err != nil {
		return false
	}
	medicare := map[string]bool{}
	for _, p := range payers {
		medicare[p.ID] = p.Medicare
	}
	for _, c := range coverages {
		if medicare[c.PayerID] {
			return true
		}
	}
	return false
}

// certificationsOf builds the certification section of episode ep for who, with f as typed
// (nil: an empty form).
func (s *Server) certificationsOf(r *http.Request, who signedIn, ep *carepath.Episode, f *certificationForm) certificationSection {
	if s.Certifications == nil || !access.Allowed(who.Role, access.Certification, access.List) || !s.medicareIOP(r, ep) {
		return certificationSection{}
	}
	sec := certificationSection{Shown: true, CanAdd: access.Allowed(who.Role, access.Certification, access.Create)}
	list, err := s.Certifications.FindCertifications(r.Context(), ep.ID)
	if err != nil {
		s.Log.Error("certifications", "err", err)
		sec.Problem = "The physician certifications could not be read just now. Please reload the page in a minute."
		return sec
	}
	sec.List = list
	sec.Status = statusOf(ep, list, today(time.Now(), time.UTC))
	if f == nil {
		f = &certificationForm{Kind: "initial"}
		if len(list) > 0 {
			f.Kind = "recertification"
		}
	}
	sec.Form = *f
	field := func(id, name, label, hint, value, typ, mode string) formField {
		return formField{ID: id, Name: name, Label: label, Hint: hint, Value: value, Type: typ, InputMode: mode, Error: f.Errors[id]}
	}
	kind := field("cert-kind", "kind", "Kind", "", f.Kind, "", "")
	kind.Options = []fieldOption{{Value: "initial", Label: "Initial certification (at admission)", Selected: f.Kind != "recertification"},
		{Value: "recertification", Label: "Recertification", Selected: f.Kind == "recertification"}}
	sec.Fields = []formField{
		field("cert-date", "date", "Date the physician signed it", "", f.Date, "date", ""),
		kind,
		field("cert-physician", "physician_name", "Physician", "", f.PhysicianName, "text", ""),
		field("cert-npi", "physician_npi", "Physician's NPI", "10 digits.", f.PhysicianNPI, "text", "numeric"),
		field("cert-hours", "hours_per_week", "Hours of services a week certified", "An IOP certification states 9 to 19 hours a week.", f.HoursPerWeek, "text", "numeric"),
		field("cert-plan", "plan", "Plan or reason, in a few words (optional)", "", f.Plan, "text", ""),
	}
	return sec
}
