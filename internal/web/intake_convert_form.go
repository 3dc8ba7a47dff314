package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// intakeConvertForm shows the conversion form pre-filled from the request, or says that the
// request was converted already (409).
func (s *Server) intakeConvertForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	in, err := s.findIntake(r, r.PathValue("id"))
	if s.intakeError(w, r, who, in, err) {
		return
	}
	if in.Status == carepath.IntakeConverted {
		s.intakeError(w, r, who, in, carepath.Errorf(carepath.ECONFLICT, "converted already"))
		return
	}
	s.render(w, r, http.StatusOK, "intake_convert", s.newIntakeConvertView(r, who, in, intakePrefill(in, who), map[string]string{}))
}
