package web

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// remittanceCreate posts the 835 chosen as a file or pasted as text and shows what it did: the
// claims it decided with their new status, how many postings it made and the lines it could not
// match, each with its segment and why. A malformed file is refused naming its segment, with
// the pasted text kept and nothing posted (400); a body over MaxRemittanceBytes is 413.
func (s *Server) remittanceCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Charge, access.Update) {
		s.deny(w, r, remittanceErrors)
		return
	}
	v := remittanceView{page: page{Title: "Post a remittance (835)"}}
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			s.render(w, r, http.StatusRequestEntityTooLarge, "error", errorView{page: page{Title: "Too much to send"},
				Message: "The remittance file is larger than this page accepts (5 MB). Nothing was posted."})
			return
		}
		v.Error = "The form could not be read. Please choose the file again, or paste its text."
		s.render(w, r, http.StatusBadRequest, "remittance", v)
		return
	}
	v.Text = r.FormValue("text")
	data := []byte(v.Text)
	if f, _, err := r.FormFile("file"); err == nil {
		b, err := io.ReadAll(f)
		_ = f.Close()
		if err != nil {
			v.Error = "The file could not be read. Please choose it again."
			s.render(w, r, http.StatusBadRequest, "remittance", v)
			return
		}
		if len(bytes.TrimSpace(b)) > 0 {
			data = b
		}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		v.Error = "Choose the payer's 835 file, or paste its text."
		s.render(w, r, http.StatusBadRequest, "remittance", v)
		return
	}
	res, err := s.Claims.PostRemittance(r.Context(), data)
	switch {
	case isInvalid(err):
		// "The remittance file could not be read: segment 12 (CLP): element 05 is "OOPS", not an
		// amount."
		v.Error = carepath.ErrorMessage(err)
		if fs := carepath.ErrorFields(err); len(fs) > 0 {
			v.Error += ": " + fs[0].Field + ": " + fs[0].Message
		}
		v.Error = strings.TrimSuffix(v.Error, ".") + "."
		s.render(w, r, http.StatusBadRequest, "remittance", v)
		return
	case err != nil:
		s.fail(w, r, "post remittance", err, remittanceErrors)
		return
	}
	v.Text = ""
	out := &remittanceResult{Postings: res.Postings, Unmatched: res.Unmatched}
	out.Claims = s.claimRows(r, res.Claims)
	v.Result = out
	s.render(w, r, http.StatusOK, "remittance", v)
}
