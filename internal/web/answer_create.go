package web

import (
	"errors"
	"net/http"

	"github.com/carepath/carepath"
	"time"
)

// answerCreate stores the answers of a link; a missing answer shows the form again with what
// was chosen kept.
func (s *Server) answerCreate(w http.ResponseWriter, r *http.Request) {
	r = publicCtx(r)
	token := r.PathValue("token")
	link, err := s.Measures.OpenMeasureLink(r.Context(), token)
	if err != nil {
		s.linkError(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.render(w, r, http.StatusBadRequest, "error", errorView{page: page{Title: "Something went wrong", AnswerLink: true}, Message: "The form could not be read. Please try again."})
		return
	}
	answers, errs := parseAnswers(link.Instruments, r.PostForm)
	if len(errs) == 0 {
		var receipt *carepath.MeasureLinkReceipt
		receipt, err = s.Measures.SubmitMeasureLink(r.Context(), token, answers)
		if err == nil {
			s.render(w, r, http.StatusOK, "answer_done", newAnswerDone(receipt, time.Now()))
			return
		}
		var ce *carepath.Error
		if !errors.As(err, &ce) || ce.Code != carepath.EINVALID {
			s.linkError(w, r, err)
			return
		}
		for _, f := range ce.Fields {
			errs[answerFormField(f.Field)] = f.Message
		}
	}
	s.render(w, r, http.StatusUnprocessableEntity, "answer", answerPage(token, link.Instruments, r.PostForm, errs))
}
