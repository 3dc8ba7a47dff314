package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// releaseForm is what the release form holds, as typed.
type releaseForm struct {
	Recipient, Purpose string
}

// releasePurposeChoice is one purpose on the release form.
type releasePurposeChoice struct {
	Purpose carepath.DisclosurePurpose
	Label   string
	Checked bool
}

// releaseNewView is the view model of the form that releases a client's records to a
// recipient outside the care team.
type releaseNewView struct {
	page
	Who    signedIn
	Client *carepath.Client
	Form   releaseForm
	// Consents are the client's active Part 2 disclosure consents: whom records may go to.
	Consents []*carepath.Consent
	Errors   map[string]string // by element id
	Summary  []errorLink
	// Refused is the disclosure gate's refusal: which consent is missing.
	Refused string
}

// Purposes are the form's purposes, the one typed ticked.
func (v releaseNewView) Purposes() []releasePurposeChoice {
	out := make([]releasePurposeChoice, len(carepath.DisclosurePurposes))
	for i, p := range carepath.DisclosurePurposes {
		out[i] = releasePurposeChoice{Purpose: p.Purpose, Label: p.Label, Checked: v.Form.Purpose == string(p.Purpose)}
	}
	return out
}

// renderReleaseForm reads the client's active disclosure consents and renders the form.
func (s *Server) renderReleaseForm(w http.ResponseWriter, r *http.Request, who signedIn, c *carepath.Client, status int, v releaseNewView) {
	v.page, v.Who, v.Client = page{Title: "Release records"}, who, c
	if v.Errors == nil {
		v.Errors = map[string]string{}
	}
	if list, err := s.Consents.FindConsents(r.Context(), c.ID); err == nil {
		for _, k := range list {
			if k.Active && k.Kind == carepath.ConsentPart2Disclosure {
				v.Consents = append(v.Consents, k)
			}
		}
	}
	for _, id := range []string{"release-recipient", "release-purpose"} {
		if m, ok := v.Errors[id]; ok {
			v.Summary = append(v.Summary, errorLink{id, m})
		}
	}
	s.render(w, r, status, "release_new", v)
}
