package api

import (
	"net/http"

	"github.com/carepath/carepath"
)

// assessmentList is the answer of GET /api/v1/clients/{id}/assessments.
type assessmentList struct {
	Assessments []*carepath.Assessment `json:"assessments"`
}

// createAssessment takes a clinician assessment of the client: the store scores the profile
// itself and answers 201 with recommended, final_level and variance side by side. A final level
// other than the recommendation needs a variance; 400 names the fields ("profile.answers.phq9",
// "variance.code").
func (a *API) createAssessment(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	var in carepath.AssessmentInput
	if err := decodeJSON(w, r, &in); err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	as, err := a.Assessments.CreateAssessment(ctx, r.PathValue("id"), in)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	w.Header().Set("Location", "/api/v1/clients/"+as.ClientID+"/assessments")
	WriteJSON(w, http.StatusCreated, as)
}

// listAssessments answers the client's assessments, newest first; 404 also when the caller may
// not know the client exists.
func (a *API) listAssessments(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	list, err := a.Assessments.FindAssessments(ctx, r.PathValue("id"))
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusOK, assessmentList{Assessments: list})
}

// convertIntake turns an intake request into a client whose first assessment is the request's
// answers, and answers 201 with the client; 409 when the request was converted already.
func (a *API) convertIntake(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	var in carepath.ClientInput
	if err := decodeJSON(w, r, &in); err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	c, err := a.IntakeConverter.ConvertIntake(ctx, r.PathValue("id"), in)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	w.Header().Set("Location", "/api/v1/clients/"+c.ID)
	WriteJSON(w, http.StatusCreated, c)
}
