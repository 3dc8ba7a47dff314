package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/carepath/carepath"
)

// registerBilling adds the routes of paying for care: diagnoses and the code set, payers and
// coverage, authorizations, charges, claim batches and remittances.
func (a *API) registerBilling(mux Mux) {
	mux.HandleFunc("POST /api/v1/clients/{id}/diagnoses", a.addDiagnosis)
	mux.HandleFunc("GET /api/v1/clients/{id}/diagnoses", a.listDiagnoses)
	mux.HandleFunc("POST /api/v1/diagnoses/{id}/resolve", a.resolveDiagnosis)
	mux.HandleFunc("GET /api/v1/diagnosis-codes", a.searchDiagnosisCodes)
	mux.HandleFunc("GET /api/v1/payers", a.listPayers)
	mux.HandleFunc("POST /api/v1/payers", a.createPayer)
	mux.HandleFunc("PATCH /api/v1/payers/{id}", a.updatePayer)
	mux.HandleFunc("POST /api/v1/clients/{id}/coverages", a.addCoverage)
	mux.HandleFunc("GET /api/v1/clients/{id}/coverages", a.listCoverages)
	mux.HandleFunc("POST /api/v1/episodes/{id}/authorizations", a.addAuthorization)
	mux.HandleFunc("GET /api/v1/episodes/{id}/authorizations", a.listAuthorizations)
	mux.HandleFunc("POST /api/v1/episodes/{id}/certifications", a.addCertification)
	mux.HandleFunc("GET /api/v1/episodes/{id}/certifications", a.listCertifications)
	mux.HandleFunc("GET /api/v1/authorizations", a.listAssignedAuthorizations)
	mux.HandleFunc("GET /api/v1/authorizations/{id}", a.getAuthorization)
	mux.HandleFunc("PATCH /api/v1/authorizations/{id}", a.updateAuthorization)
	mux.HandleFunc("GET /api/v1/authorizations/{id}/packet", a.getAuthorizationPacket)
	mux.HandleFunc("GET /api/v1/authorization-alerts", a.listAuthorizationAlerts)
	mux.HandleFunc("GET /api/v1/certification-alerts", a.listCertificationAlerts)
	mux.HandleFunc("GET /api/v1/charges", a.listCharges)
	mux.HandleFunc("PUT /api/v1/billing-provider", a.setBillingProvider)
	mux.HandleFunc("GET /api/v1/claim-batches", a.listClaimBatches)
	mux.HandleFunc("POST /api/v1/claim-batches", a.createClaimBatch)
	mux.HandleFunc("GET /api/v1/claim-batches/{id}", a.getClaimBatch)
	mux.HandleFunc("GET /api/v1/claim-batches/{id}/x12", a.getClaimBatchFile)
	mux.HandleFunc("POST /api/v1/claims/{id}/replacement", a.replaceClaim)
	mux.HandleFunc("POST /api/v1/claims/{id}/void", a.voidClaim)
	mux.HandleFunc("POST /api/v1/remittances", a.postRemittance)
	mux.HandleFunc("GET /api/v1/clients/{id}/balance", a.getClientBalance)
	mux.HandleFunc("POST /api/v1/clients/{id}/payments", a.recordClientPayment)
	mux.HandleFunc("GET /api/v1/clients/{id}/payments", a.listClientPayments)
	mux.HandleFunc("POST /api/v1/client-payments/{id}/void", a.voidClientPayment)
	mux.HandleFunc("GET /api/v1/clients/{id}/good-faith-estimate", a.getGoodFaithEstimate)
	mux.HandleFunc("POST /api/v1/clients/{id}/good-faith-estimates", a.issueGoodFaithEstimate)
	mux.HandleFunc("GET /api/v1/clients/{id}/good-faith-estimates", a.listIssuedEstimates)
	mux.HandleFunc("GET /api/v1/clients/{id}/good-faith-estimates/{eid}", a.getIssuedEstimate)
	mux.HandleFunc("GET /api/v1/clients/{id}/good-faith-estimates/{eid}/pdf", a.getIssuedEstimatePDF)
	mux.HandleFunc("GET /api/v1/clients/{id}/superbill", a.getSuperbill)
}

// addDiagnosis records a diagnosis on the client's chart and answers 201 with it; 400 naming
// code when it is not a billable code of the code set.
func (a *API) addDiagnosis(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.DiagnosisInput) (*carepath.Diagnosis, error) {
		return a.Diagnoses.AddDiagnosis(ctx, r.PathValue("id"), in)
	})
}

// diagnosisList is the answer of GET /api/v1/clients/{id}/diagnoses.
type diagnosisList struct {
	Diagnoses []*carepath.Diagnosis `json:"diagnoses"`
}

// listDiagnoses answers the client's diagnoses, active ones first.
func (a *API) listDiagnoses(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (diagnosisList, error) {
		list, err := a.Diagnoses.FindDiagnoses(ctx, r.PathValue("id"))
		return diagnosisList{Diagnoses: list}, err
	})
}

// diagnosisResolveBody is the body of POST /api/v1/diagnoses/{id}/resolve.
type diagnosisResolveBody struct {
	Resolved string `json:"resolved"`
}

// resolveDiagnosis marks a diagnosis resolved on the date given.
func (a *API) resolveDiagnosis(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in diagnosisResolveBody) (*carepath.Diagnosis, error) {
		return a.Diagnoses.ResolveDiagnosis(ctx, r.PathValue("id"), in.Resolved)
	})
}

// diagnosisCodeList is the answer of GET /api/v1/diagnosis-codes.
type diagnosisCodeList struct {
	Codes []carepath.DiagnosisCode `json:"codes"`
}

// searchDiagnosisCodes answers the codes whose code or description matches q.
func (a *API) searchDiagnosisCodes(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (diagnosisCodeList, error) {
		limit := 20
		if s := r.URL.Query().Get("limit"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 || n > 50 {
				var errs carepath.FieldErrors
				errs.Add("limit", "range", "Please give a limit from 1 to 50.")
				return diagnosisCodeList{}, errs.Err()
			}
			limit = n
		}
		list, err := a.Diagnoses.SearchCodes(ctx, r.URL.Query().Get("q"), limit)
		return diagnosisCodeList{Codes: list}, err
	})
}
