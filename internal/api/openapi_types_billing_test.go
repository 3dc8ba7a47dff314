package api

import "github.com/carepath/carepath"

// billingOperationTypes are operationTypes' entries for paying for care.
var billingOperationTypes = map[string]struct{ in, out any }{
	"addDiagnosis":         {carepath.DiagnosisInput{}, carepath.Diagnosis{}},
	"listDiagnoses":        {nil, diagnosisList{}},
	"resolveDiagnosis":     {diagnosisResolveBody{}, carepath.Diagnosis{}},
	"searchDiagnosisCodes": {nil, diagnosisCodeList{}},
}

func init() {
	for op, types := range billingOperationTypes {
		operationTypes[op] = types
	}
}
