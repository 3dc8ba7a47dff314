package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// totpCreate checks the first code against the secret the page showed and turns the second
// factor on; from the next sign-in a code is needed. Replacing an app the account already has
// also takes the password and a current code of the old app. A wrong code, password or
// current code shows the same QR code again (400, naming the field); an enrolment lost with
// its session starts over with a new one (400).
func (s *Server) totpCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	m := s.manager(r)
	errs := map[string]string{}
	secret := m.GetString(r.Context(), sessTOTPSecret)
	if err := r.ParseForm(); err != nil {
		errs["totp-code"] = "The form could not be read. Please try again."
		s.renderTOTP(w, r, who, http.StatusBadRequest, errs)
		return
	}
	if secret == "" {
		errs["totp-code"] = "That set-up had expired, so here is a new QR code. Add it to your app and enter the code it shows."
		s.renderTOTP(w, r, who, http.StatusBadRequest, errs)
		return
	}
	err := s.Staff.ConfirmTOTP(r.Context(), carepath.TOTPConfirmation{Secret: secret, Code: r.PostForm.Get("code"),
		Password: r.PostForm.Get("password"), CurrentCode: r.PostForm.Get("current_code")})
	switch {
	case err == nil:
		m.Remove(r.Context(), sessTOTPSecret)
		m.Remove(r.Context(), sessTOTPURL)
		m.Remove(r.Context(), sessTOTPOld)
		m.Put(r.Context(), sessTOTPDone, true)
		http.Redirect(w, r, "/staff/account/totp", http.StatusSeeOther)
		return
	case isInvalid(err):
		for _, fe := range carepath.ErrorFields(err) {
			if fe.Field == "secret" {
				m.Remove(r.Context(), sessTOTPSecret)
				m.Remove(r.Context(), sessTOTPURL)
			}
			id := totpFieldAnchor(fe.Field)
			if _, dup := errs[id]; !dup {
				errs[id] = fe.Message
			}
		}
		if len(errs) == 0 {
			errs["totp-code"] = carepath.ErrorMessage(err)
		}
	default:
		if _, _, ok := s.failOrShow(w, r, "confirm totp", err, totpErrors, http.StatusInternalServerError); !ok {
			return
		}
		errs["totp-code"] = "The code could not be checked just now. Nothing was changed; please try again in a minute."
	}
	s.renderTOTP(w, r, who, http.StatusBadRequest, errs)
}
