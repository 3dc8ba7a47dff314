package web

import (
	"bytes"
	"net/http"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/internal/pdf"
	"github.com/carepath/carepath/internal/release"
)

// releaseCreate releases the client's records to the posted recipient for the posted purpose,
// through the disclosure gate, and answers the release as a PDF carrying the 42 CFR 2.32
// notice. Without a consent that allows it the form comes back (403) naming the consent that
// is missing, and nothing is released; a form problem comes back as 400 with the values kept.
func (s *Server) releaseCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Disclosure, access.Release) {
		s.deny(w, r, releaseErrors)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := releaseForm{Recipient: r.PostForm.Get("recipient"), Purpose: r.PostForm.Get("purpose")}
	rec, err := release.Build(r.Context(), s.Services, c.ID, f.Recipient, carepath.DisclosurePurpose(f.Purpose), time.Now())
	switch {
	case err == nil:
	case isInvalid(err):
		errs := map[string]string{}
		for _, fe := range carepath.ErrorFields(err) {
			errs["release-"+fe.Field] = fe.Message
		}
		s.renderReleaseForm(w, r, who, c, http.StatusBadRequest, releaseNewView{Form: f, Errors: errs})
		return
	case missingConsent(err) != "":
		s.renderReleaseForm(w, r, who, c, http.StatusForbidden, releaseNewView{Form: f, Refused: missingConsent(err)})
		return
	default:
		s.fail(w, r, "release records", err, releaseErrors)
		return
	}
	var buf bytes.Buffer
	if err := pdf.Release(&buf, rec, s.staffNames(r, who.ID)[0]); err != nil {
		s.fail(w, r, "release records: pdf", err, releaseErrors)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="release-`+rec.ReleasedAt.Format(carepath.DateLayout)+`.pdf"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}

// missingConsent returns the message of a disclosure refused for want of a 42 CFR Part 2
// consent (carepath.MissingConsent), and "" for any other error.
func missingConsent(err error) string {
	if carepath.ErrorCode(err) != carepath.EFORBIDDEN {
		return ""
	}
	for _, fe := range carepath.ErrorFields(err) {
		if fe.Code == carepath.MissingConsentCode {
			return strings.TrimSpace(fe.Message)
		}
	}
	return ""
}
