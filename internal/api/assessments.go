package api

import (
	"context"
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
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.AssessmentInput) (*carepath.Assessment, error) {
		as, err := a.Assessments.CreateAssessment(ctx, r.PathValue("id"), in)
		if err == nil {
			w.Header().Set("Location", "/api/v1/clients/"+as.ClientID+"/assessments")
		}
		return as, err
	})
}

// listAssessments answers the client's assessments, newest first; 404 also when the caller may
// not know the client exists.
func (a *API) listAssessments(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (assessmentList, error) {
		list, err := a.Assessments.FindAssessments(ctx, r.PathValue("id"))
		return assessmentList{Assessments: list}, err
	})
}

// convertIntake turns an intake request into a client whose first assessment is the request's
// answers, and answers 201 with the client; 409 when the request was converted already.
func (a *API) convertIntake(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.ClientInput) (*carepath.Client, error) {
		c, err := a.IntakeConverter.ConvertIntake(ctx, r.PathValue("id"), in)
		if err == nil {
			w.Header().Set("Location", "/api/v1/clients/"+c.ID)
		}
		return c, err
	})
}
