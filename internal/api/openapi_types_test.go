package api

import (
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/release"
	"github.com/carepath/carepath/placement"
)

// operationTypes names, for each operation, the Go type its handler decodes the request body
// into (nil: no body) and the Go type it answers with (nil: no JSON body).
var operationTypes = map[string]struct{ in, out any }{
	"createPlacement":          {placement.Profile{}, placement.Recommendation{}},
	"getOnCall":                {nil, carepath.OnCall{}},
	"putOnCall":                {carepath.OnCallUpdate{}, carepath.OnCall{}},
	"getOfficeHours":           {nil, carepath.OfficeHours{}},
	"putOfficeHours":           {officeHoursBody{}, carepath.OfficeHours{}},
	"getSafetyAlert":           {nil, carepath.SafetyAlert{}},
	"acknowledgeSafetyAlert":   {alertAckBody{}, carepath.SafetyAlert{}},
	"getSafetyPlan":            {nil, carepath.SafetyPlan{}},
	"saveSafetyPlan":           {carepath.SafetyPlanInput{}, carepath.SafetyPlan{}},
	"listSafetyPlanVersions":   {nil, safetyPlanVersionList{}},
	"getSafetyPlanVersion":     {nil, carepath.SafetyPlan{}},
	"createSafetyPlanLink":     {safetyPlanLinkBody{}, safetyPlanLinkCreated{}},
	"listIntakes":              {nil, []*carepath.Intake{}},
	"getIntake":                {nil, carepath.Intake{}},
	"createClient":             {newClientBody{}, carepath.Client{}},
	"listClients":              {nil, clientList{}},
	"getClient":                {nil, carepath.Client{}},
	"updateClient":             {carepath.ClientUpdate{}, carepath.Client{}},
	"listAudit":                {nil, []carepath.AccessLogEntry{}},
	"createProgram":            {carepath.ProgramCreate{}, carepath.Program{}},
	"listPrograms":             {nil, programList{}},
	"getProgram":               {nil, carepath.Program{}},
	"programCensus":            {nil, censusAnswer{}},
	"admitClient":              {admitBody{}, carepath.Episode{}},
	"listEpisodes":             {nil, episodeList{}},
	"transferEpisode":          {carepath.EpisodeTransfer{}, carepath.Episode{}},
	"dischargeEpisode":         {carepath.EpisodeDischarge{}, carepath.Episode{}},
	"createAssessment":         {carepath.AssessmentInput{}, carepath.Assessment{}},
	"listAssessments":          {nil, assessmentList{}},
	"convertIntake":            {carepath.ClientInput{}, carepath.Client{}},
	"recordConsent":            {consentBody{}, carepath.Consent{}},
	"listConsents":             {nil, consentList{}},
	"releaseRecords":           {releaseBody{}, release.Record{}},
	"revokeConsent":            {revokeBody{}, carepath.Consent{}},
	"createPlan":               {carepath.TreatmentPlanInput{}, carepath.TreatmentPlan{}},
	"listPlans":                {nil, planList{}},
	"getPlan":                  {nil, carepath.TreatmentPlan{}},
	"updateDraftPlan":          {carepath.TreatmentPlanDraftUpdate{}, carepath.TreatmentPlan{}},
	"signPlan":                 {signBody{}, carepath.TreatmentPlan{}},
	"acknowledgePlan":          {acknowledgeBody{}, carepath.TreatmentPlan{}},
	"createNote":               {carepath.NoteInput{}, carepath.Note{}},
	"getNote":                  {nil, carepath.Note{}},
	"updateNote":               {carepath.NoteUpdate{}, carepath.Note{}},
	"signNote":                 {signBody{}, carepath.Note{}},
	"addNoteAddendum":          {addendumBody{}, carepath.Note{}},
	"cosignNote":               {nil, carepath.Note{}},
	"listClientNotes":          {nil, noteList{}},
	"cosignQueue":              {nil, noteList{}},
	"createGroup":              {carepath.GroupCreate{}, carepath.Group{}},
	"getGroup":                 {nil, carepath.Group{}},
	"updateGroup":              {carepath.GroupUpdate{}, carepath.Group{}},
	"setIntakeStatus":          {carepath.IntakeStatusUpdate{}, carepath.Intake{}},
	"listStaff":                {nil, staffList{}},
	"getStaff":                 {nil, carepath.Staff{}},
	"updateStaff":              {staffPatch{}, carepath.Staff{}},
	"listGroups":               {nil, groupList{}},
	"addGroupMember":           {memberBody{}, carepath.Group{}},
	"endGroupMember":           {endMemberBody{}, carepath.Group{}},
	"createSession":            {carepath.TherapySessionCreate{}, carepath.TherapySession{}},
	"listSessions":             {nil, occurrenceList{}},
	"getSession":               {nil, carepath.Occurrence{}},
	"cancelSession":            {nil, nil},
	"moveSession":              {carepath.OccurrenceMove{}, carepath.Occurrence{}},
	"getAttendance":            {nil, carepath.AttendanceSheet{}},
	"putAttendance":            {attendanceBody{}, carepath.AttendanceSheet{}},
	"clientDose":               {nil, carepath.Dose{}},
	"listAlerts":               {nil, alertList{}},
	"programQuality":           {nil, carepath.QualityReport{}},
	"createMeasure":            {measureBody{}, measureCreated{}},
	"listMeasures":             {nil, carepath.MeasureSeries{}},
	"setMeasureSchedule":       {measureScheduleBody{}, carepath.MeasureSchedule{}},
	"resetMeasureSchedule":     {nil, carepath.MeasureSchedule{}},
	"createMeasureLink":        {carepath.MeasureLinkInput{}, carepath.MeasureLink{}},
	"listMeasureAlerts":        {nil, measureAlertList{}},
	"acknowledgeMeasureAlert":  {alertAckBody{}, carepath.MeasureAlert{}},
	"proposeSchedulePlan":      {carepath.SchedulePlanCreate{}, carepath.SchedulePlan{}},
	"getSchedulePlan":          {nil, carepath.SchedulePlan{}},
	"applySchedulePlan":        {nil, carepath.SchedulePlan{}},
	"getClientAvailability":    {nil, carepath.ClientAvailability{}},
	"putClientAvailability":    {availabilityBody{}, carepath.ClientAvailability{}},
	"getClinicianAvailability": {nil, carepath.ClinicianAvailability{}},
	"putClinicianAvailability": {availabilityBody{}, carepath.ClinicianAvailability{}},
	"runReview":                {nil, carepath.Review{}},
	"listReviews":              {nil, reviewList{}},
	"getReview":                {nil, carepath.Review{}},
	"acceptReview":             {nil, carepath.Review{}},
	"declineReview":            {reviewDeclineBody{}, carepath.Review{}},
	"getProgramDetails":        {nil, carepath.ProgramDetails{}},
	"patchProgram":             {carepath.ProgramDetailsUpdate{}, carepath.ProgramDetails{}},
	"getProgramTracks":         {nil, carepath.ProgramDetails{}},
	"putProgramTracks":         {tracksPart{}, carepath.ProgramDetails{}},
	"getProgramRates":          {nil, carepath.ProgramDetails{}},
	"putProgramRates":          {ratesPart{}, carepath.ProgramDetails{}},
	"getProgramStaff":          {nil, carepath.ProgramDetails{}},
	"putProgramStaff":          {staffPart{}, carepath.ProgramDetails{}},
	"putGroupTrack":            {groupTrackBody{}, nil},
	"outcomeReport":            {nil, carepath.OutcomeReport{}},
	"outcomeReportCSV":         {nil, nil},
	"getOpenAPI":               {nil, nil},
}

// The bodies putProgramPart accepts on each of its three routes: programPartBody holds all
// three lists, but a route refuses the two that are not its own.
type (
	tracksPart struct {
		Version int              `json:"version"`
		Tracks  []carepath.Track `json:"tracks"`
	}
	ratesPart struct {
		Version int             `json:"version"`
		Rates   []carepath.Rate `json:"rates"`
	}
	staffPart struct {
		Version int                      `json:"version"`
		Staff   []carepath.ProgramMember `json:"staff"`
	}
)

// TestOpenAPISchemasMatchGoTypes holds each operation's schemas to the Go types its handler
// decodes and encodes: the same JSON member names at every depth, the same JSON types, and,
// for requests, closed objects (additionalProperties or unevaluatedProperties false), because
// the decoder refuses unknown members.
func TestOpenAPISchemasMatchGoTypes(t *testing.T) {
	doc := openAPIDocument(t)
	paths, _ := doc["paths"].(map[string]any)
	seen := map[string]bool{}
	for _, path := range sortedKeys(paths) {
		item, _ := paths[path].(map[string]any)
		for _, method := range httpMethods {
			op, ok := item[method].(map[string]any)
			if !ok {
				continue
			}
			id, _ := op["operationId"].(string)
			seen[id] = true
			types, ok := operationTypes[id]
			if !ok {
				t.Errorf("%s: add the operation's Go types to operationTypes", id)
				continue
			}
			var p problems
			body, _ := resolve(doc, op["requestBody"]).(map[string]any)
			reqSchema := jsonSchemaOf(doc, body)
			switch {
			case types.in == nil && reqSchema != nil:
				p.add(id, "documents a request body the handler does not read")
			case types.in != nil && reqSchema == nil:
				p.add(id, "reads a request body the document does not describe")
			case types.in != nil:
				compareType(&p, doc, id+" request", reflect.TypeOf(types.in), reqSchema, true)
			}
			var okSchema any
			if rs, ok := op["responses"].(map[string]any); ok {
				for _, code := range sortedKeys(rs) {
					if strings.HasPrefix(code, "2") {
						resp, _ := resolve(doc, rs[code]).(map[string]any)
						okSchema = jsonSchemaOf(doc, resp)
					}
				}
			}
			if types.out != nil {
				if okSchema == nil {
					p.add(id, "answers JSON the document does not describe")
				} else {
					compareType(&p, doc, id+" response", reflect.TypeOf(types.out), okSchema, false)
				}
			}
			for _, msg := range p {
				t.Error(msg)
			}
		}
	}
	for id := range operationTypes {
		if !seen[id] {
			t.Errorf("operationTypes names %s, which the document does not have", id)
		}
	}
}

// jsonSchemaOf returns the schema of a request body's or response's JSON content, or nil.
func jsonSchemaOf(doc map[string]any, obj map[string]any) any {
	content, _ := obj["content"].(map[string]any)
	for _, mt := range []string{"application/json", "application/problem+json"} {
		if media, ok := content[mt].(map[string]any); ok {
			return media["schema"]
		}
	}
	return nil
}

var (
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	timeType      = reflect.TypeFor[time.Time]()
)

// compareType compares the JSON a Go type reads or writes with a schema, adding what differs.
func compareType(p *problems, doc map[string]any, where string, t reflect.Type, schema any, request bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	set := schemaSet(doc, schema)
	types := schemaTypes(set)
	jsonKind := goJSONKind(t)
	if jsonKind != "" && len(types) > 0 && !slices.Contains(types, jsonKind) &&
		!(jsonKind == "integer" && slices.Contains(types, "number")) {
		p.add(where, "Go writes %s (%s), the schema says %v", jsonKind, t, types)
		return
	}
	switch jsonKind {
	case "array":
		for _, s := range set {
			if items, ok := s["items"]; ok {
				compareType(p, doc, where+"[]", t.Elem(), items, request)
				return
			}
		}
		p.add(where, "an array without items")
	case "map":
		if t.Elem().Kind() == reflect.Interface {
			return // a map of anything: the runtime contract checks what it holds
		}
		for _, s := range set {
			if extra, ok := s["additionalProperties"].(map[string]any); ok {
				compareType(p, doc, where+".*", t.Elem(), extra, request)
				return
			}
		}
		p.add(where, "a Go map (%s) whose schema has no additionalProperties schema", t)
	case "object":
		fields := goFields(t)
		if extra := mapSchema(set); extra != nil {
			for _, name := range sortedKeys(toAnyType(fields)) {
				compareType(p, doc, where+"."+name, fields[name], extra, request)
			}
			return
		}
		props := map[string]any{}
		closed := false
		for _, s := range set {
			if ps, ok := s["properties"].(map[string]any); ok {
				for name, ps := range ps {
					if _, dup := props[name]; !dup {
						props[name] = ps
					}
				}
			}
			for _, kw := range []string{"additionalProperties", "unevaluatedProperties"} {
				if b, ok := s[kw].(bool); ok && !b {
					closed = true
				}
			}
		}
		for _, name := range sortedKeys(toAnyType(fields)) {
			if _, ok := props[name]; !ok {
				p.add(where, "the Go type %s has %q, which the schema does not document", t, name)
			}
		}
		for _, name := range sortedKeys(props) {
			if _, ok := fields[name]; !ok {
				p.add(where, "the schema documents %q, which the Go type %s does not have", name, t)
			}
		}
		if request && !closed {
			p.add(where, "the decoder refuses unknown members, so the schema must say additionalProperties: false")
		}
		for _, name := range sortedKeys(toAnyType(fields)) {
			if ps, ok := props[name]; ok {
				compareType(p, doc, where+"."+name, fields[name], ps, request)
			}
		}
	}
}

// mapSchema returns the additionalProperties schema of a schema set that names no properties
// (an object used as a map), or nil.
func mapSchema(set []map[string]any) map[string]any {
	var extra map[string]any
	for _, s := range set {
		if _, ok := s["properties"]; ok {
			return nil
		}
		if e, ok := s["additionalProperties"].(map[string]any); ok {
			extra = e
		}
	}
	return extra
}

// goJSONKind is the JSON type encoding/json gives t: "" when a marshaler decides.
func goJSONKind(t reflect.Type) string {
	if t == timeType {
		return "string"
	}
	if t.Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(jsonMarshaler) ||
		t.Implements(textMarshaler) || reflect.PointerTo(t).Implements(textMarshaler) {
		return ""
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return "string"
		}
		return "array"
	case reflect.Map:
		return "map"
	case reflect.Struct:
		return "object"
	}
	return ""
}

// goFields returns the JSON members of a struct type, with embedded structs flattened.
func goFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if f.Anonymous && name == "" && ft.Kind() == reflect.Struct {
			for n, et := range goFields(ft) {
				if _, ok := out[n]; !ok {
					out[n] = et
				}
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

// schemaSet returns schema and what it brings in: $ref targets, allOf members, and the
// non-null members of anyOf and oneOf.
func schemaSet(doc map[string]any, schema any) []map[string]any {
	var out []map[string]any
	var visit func(s any, depth int)
	visit = func(s any, depth int) {
		obj, ok := s.(map[string]any)
		if !ok || depth > 20 {
			return
		}
		out = append(out, obj)
		if ref, ok := obj["$ref"].(string); ok {
			target, _ := pointer(doc, ref)
			visit(target, depth+1)
		}
		for _, kw := range []string{"allOf", "anyOf", "oneOf"} {
			list, _ := obj[kw].([]any)
			for _, m := range list {
				if mo, _ := m.(map[string]any); mo["type"] == "null" {
					continue
				}
				visit(m, depth+1)
			}
		}
	}
	visit(schema, 0)
	return out
}

// schemaTypes returns the JSON types the schemas name, "null" left out; "map" stands for an
// object schema with no properties but an additionalProperties schema.
func schemaTypes(set []map[string]any) []string {
	var out []string
	for _, s := range set {
		switch t := s["type"].(type) {
		case string:
			out = append(out, t)
		case []any:
			for _, e := range t {
				if n, _ := e.(string); n != "null" {
					out = append(out, n)
				}
			}
		}
	}
	if slices.Contains(out, "object") {
		out = append(out, "map")
	}
	return out
}

func toAnyType(m map[string]reflect.Type) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
