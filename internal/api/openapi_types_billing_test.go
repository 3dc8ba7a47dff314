package api

import "github.com/carepath/carepath"

// billingOperationTypes are operationTypes' entries for paying for care.
var billingOperationTypes = map[string]struct{ in, out any }{
	"addDiagnosis":               {carepath.DiagnosisInput{}, carepath.Diagnosis{}},
	"listDiagnoses":              {nil, diagnosisList{}},
	"resolveDiagnosis":           {diagnosisResolveBody{}, carepath.Diagnosis{}},
	"searchDiagnosisCodes":       {nil, diagnosisCodeList{}},
	"listPayers":                 {nil, payerList{}},
	"createPayer":                {carepath.PayerInput{}, carepath.Payer{}},
	"updatePayer":                {payerUpdateBody{}, carepath.Payer{}},
	"addCoverage":                {carepath.CoverageInput{}, carepath.ClientCoverage{}},
	"listCoverages":              {nil, coverageList{}},
	"addAuthorization":           {carepath.AuthorizationInput{}, carepath.Authorization{}},
	"listAuthorizations":         {nil, authorizationList{}},
	"getAuthorization":           {nil, carepath.Authorization{}},
	"updateAuthorization":        {carepath.AuthorizationUpdate{}, carepath.Authorization{}},
	"listAuthorizationAlerts":    {nil, authorizationAlertList{}},
	"listCharges":                {nil, chargeList{}},
	"setBillingProvider":         {carepath.BillingProvider{}, carepath.BillingProvider{}},
	"createClaimBatch":           {carepath.ClaimBatchInput{}, carepath.ClaimBatch{}},
	"getClaimBatch":              {nil, carepath.ClaimBatch{}},
	"listClaimBatches":           {nil, claimBatchList{}},
	"getClaimBatchFile":          {nil, nil},
	"replaceClaim":               {carepath.ClaimCorrectionInput{}, carepath.ClaimBatch{}},
	"voidClaim":                  {carepath.ClaimCorrectionInput{}, carepath.ClaimBatch{}},
	"getAuthorizationPacket":     {nil, nil},
	"getGoodFaithEstimate":       {nil, nil},
	"getSuperbill":               {nil, nil},
	"postRemittance":             {nil, carepath.Remittance{}},
	"getClientBalance":           {nil, carepath.ClientBalance{}},
	"listAssignedAuthorizations": {nil, carepath.AssignedAuthorizations{}},
	"recordClientPayment":        {carepath.ClientPaymentInput{}, carepath.ClientPayment{}},
	"listClientPayments":         {nil, clientPaymentList{}},
	"voidClientPayment":          {paymentVoidBody{}, carepath.ClientPayment{}},
	"addCertification":           {carepath.CertificationInput{}, carepath.Certification{}},
	"listCertifications":         {nil, certificationList{}},
	"listCertificationAlerts":    {nil, certificationAlertList{}},
	"issueGoodFaithEstimate":     {nil, carepath.IssuedEstimate{}},
	"listIssuedEstimates":        {nil, issuedEstimateList{}},
	"getIssuedEstimate":          {nil, carepath.IssuedEstimate{}},
	"getIssuedEstimatePDF":       {nil, nil},
}

func init() {
	for op, types := range billingOperationTypes {
		operationTypes[op] = types
	}
}
