package icd10

import (
	"errors"
	"strings"
	"testing"

	"github.com/carepath/carepath"
)

func TestDefaultSubset(t *testing.T) {
	s := Default()
	billable := 0
	for _, c := range s.All() {
		if c.Billable {
			billable++
		}
	}
	// 1,300 lines: 1,010 billable codes and 290 headings (checked against the generated file).
	if s.Len() != 1300 || billable != 1010 {
		t.Errorf("subset has %d codes, %d billable; want 1300 and 1010", s.Len(), billable)
	}
	if !strings.Contains(s.Source, CodeSetYear) {
		t.Errorf("source %q does not name the code-set year", s.Source)
	}
}

func TestBillableAndHeadings(t *testing.T) {
	tests := []struct {
		code            string
		valid, billable bool
		long            string
	}{
		{"F10.20", true, true, "Alcohol dependence, uncomplicated"},
		{"f1020", true, true, "Alcohol dependence, uncomplicated"},
		{" F10.20 ", true, true, "Alcohol dependence, uncomplicated"},
		{"F10.2", true, false, "Alcohol dependence"},
		{"F10", true, false, "Alcohol related disorders"},
		{"F10.230", true, true, "Alcohol dependence with withdrawal, uncomplicated"},
		{"F10.130", true, true, "Alcohol abuse with withdrawal, uncomplicated"},
		{"F11.23", true, true, "Opioid dependence with withdrawal"},
		{"F11.13", true, true, "Opioid abuse with withdrawal"},
		{"F12.150", true, true, "Cannabis abuse with psychotic disorder with delusions"},
		{"F13.90", true, true, "Sedative, hypnotic, or anxiolytic use, unspecified, uncomplicated"},
		{"F14.121", true, true, "Cocaine abuse with intoxication with delirium"},
		{"F16.283", true, true, "Hallucinogen dependence with hallucinogen persisting perception disorder (flashbacks)"},
		{"F17.210", true, true, "Nicotine dependence, cigarettes, uncomplicated"},
		{"F19.122", true, true, "Other psychoactive substance abuse with intoxication with perceptual disturbances"},
		{"F32.A", true, true, "Depression, unspecified"},
		{"F32.9", true, true, "Major depressive disorder, single episode, unspecified"},
		{"F33.1", true, true, "Major depressive disorder, recurrent, moderate"},
		{"F41.1", true, true, "Generalized anxiety disorder"},
		{"F43.10", true, true, "Post-traumatic stress disorder, unspecified"},
		{"F43.1", true, false, "Post-traumatic stress disorder (PTSD)"},
		{"F43.81", true, true, "Prolonged grief disorder"},
		{"F50.01", true, false, "Anorexia nervosa, restricting type"},
		{"F50.014", true, true, "Anorexia nervosa, restricting type, in remission"},
		{"F50.2", true, false, "Bulimia nervosa"},
		{"F50.81", true, false, "Binge eating disorder"},
		{"F01.A11", true, true, "Vascular dementia, mild, with agitation"},
		{"F03.90", true, true, "Unspecified dementia, unspecified severity, without behavioral disturbance, psychotic disturbance, mood disturbance, and anxiety"},
		{"F68.A", true, true, "Factitious disorder imposed on another"},
		{"F84.0", true, true, "Autistic disorder"},
		{"F90.2", true, true, "Attention-deficit hyperactivity disorder, combined type"},
		{"F99", true, true, "Mental disorder, not otherwise specified"},
		{"Z63.72", true, true, "Alcoholism and drug addiction in family"},
		{"Z59.00", true, true, "Homelessness unspecified"},
		{"Z59.7", true, false, "Insufficient social insurance and welfare support"},
		{"Z65.3", true, true, "Problems related to other legal circumstances"},
		{"Z71.41", true, true, "Alcohol abuse counseling and surveillance of alcoholic"},
		{"Z71.51", true, true, "Drug abuse counseling and surveillance of drug abuser"},
		{"Z86.59", true, true, "Personal history of other mental and behavioral disorders"},
		{"Z87.891", true, true, "Personal history of nicotine dependence"},
		{"Z91.51", true, true, "Personal history of suicidal behavior"},
		{"R45.851", true, true, "Suicidal ideations"},
		// Codes that do not exist: a wrong guess must not slip onto a claim.
		{"F06.9", false, false, ""},
		{"F10.16", false, false, ""},
		{"F12.14", false, false, ""},
		{"F16.222", false, false, ""},
		{"F32.10", false, false, ""},
		{"F10.2.0", false, false, ""},
		{"", false, false, ""},
	}
	s := Default()
	for _, tt := range tests {
		c, ok := s.Lookup(tt.code)
		if ok != tt.valid || s.Valid(tt.code) != tt.valid || s.Billable(tt.code) != tt.billable {
			t.Errorf("%q: valid %v billable %v, want %v %v", tt.code, ok, s.Billable(tt.code), tt.valid, tt.billable)
			continue
		}
		if ok && c.Long != tt.long {
			t.Errorf("%q: long description %q, want %q", tt.code, c.Long, tt.long)
		}
		if ok && (len(c.Short) > 60 || c.Short == "") {
			t.Errorf("%q: short description %q must be 1–60 characters", tt.code, c.Short)
		}
	}
	if !Billable("F10.20") || Billable("F10.2") || !Valid("F10.2") {
		t.Error("the package-level helpers must answer from the shipped subset")
	}
}

// TestHierarchy checks the shape of the shipped subset: every code's parents are headings in the
// set, every heading has a billable descendant, and billable codes have no children.
func TestHierarchy(t *testing.T) {
	s := Default()
	for _, c := range s.All() {
		k := Key(c.Code)
		if !WellFormed(c.Code) || c.Code != Format(k) {
			t.Errorf("%s is not well formed", c.Code)
		}
		for n := 3; n < len(k); n++ {
			p, ok := s.Lookup(k[:n])
			if !ok || p.Billable {
				t.Errorf("%s: parent %s missing or billable", c.Code, k[:n])
			}
		}
		kids := s.Children(c.Code)
		if c.Billable && len(kids) > 0 {
			t.Errorf("billable %s has children %v", c.Code, kids[0].Code)
		}
		if !c.Billable {
			leaf := false
			for _, k := range kids {
				leaf = leaf || k.Billable
			}
			if !leaf {
				t.Errorf("heading %s has no billable code under it", c.Code)
			}
		}
	}
	// Every category of the chapter that ICD-10-CM defines is present.
	for _, cat := range strings.Fields("F01 F02 F03 F04 F05 F06 F07 F09 F10 F11 F12 F13 F14 F15 F16 F17 F18 F19 F20 F21 F22 F23 F24 F25 F28 F29 F30 F31 F32 F33 F34 F39 F40 F41 F42 F43 F44 F45 F48 F50 F51 F52 F53 F54 F55 F59 F60 F63 F64 F65 F66 F68 F69 F70 F71 F72 F73 F78 F79 F80 F81 F82 F84 F88 F89 F90 F91 F93 F94 F95 F98 F99") {
		if !s.Valid(cat) {
			t.Errorf("category %s is missing", cat)
		}
	}
}

func TestCheck(t *testing.T) {
	s := Default()
	tests := []struct{ code, kind, says string }{
		{"F10.20", "", ""},
		{"F10.2", "not_billable", "choose a more specific code such as F10.20, F10.21, F10.220, F10.221"},
		{"F43.1", "not_billable", "F43.10"},
		{"F99.99", "unknown", "not in the code set"},
		{"hello", "format", "not an ICD-10-CM code"},
		{"F1", "format", "not an ICD-10-CM code"},
		{"1F0.20", "format", "not an ICD-10-CM code"},
	}
	for _, tt := range tests {
		err := s.Check(tt.code)
		if tt.kind == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.code, err)
			}
			continue
		}
		var e *carepath.Error
		if !errors.As(err, &e) || e.Code != carepath.EINVALID || len(e.Fields) != 1 || e.Fields[0].Field != "code" ||
			e.Fields[0].Code != tt.kind || !strings.Contains(e.Fields[0].Message, tt.says) {
			t.Errorf("%s: got %#v, want %s saying %q", tt.code, err, tt.kind, tt.says)
		}
	}
}

func TestWithReplacesAndAdds(t *testing.T) {
	s := Default()
	n := s.Len()
	s2 := s.With("imported", []Code{
		{Code: "A00", Long: "Cholera", Short: "Cholera"},
		{Code: "A00.0", Billable: true, Long: "Cholera due to Vibrio cholerae 01, biovar cholerae", Short: "Cholera due to Vibrio cholerae 01, biovar cholerae"},
		{Code: "F10.20", Billable: true, Long: "Alcohol dependence, uncomplicated (new text)", Short: "x"},
	})
	if s2.Len() != n+2 || s.Len() != n || s2.Source != "imported" {
		t.Fatalf("lengths %d → %d", n, s2.Len())
	}
	if c, _ := s2.Lookup("F10.20"); c.Long != "Alcohol dependence, uncomplicated (new text)" {
		t.Errorf("import must replace a code's text: %+v", c)
	}
	if c, _ := s.Lookup("F10.20"); c.Long != "Alcohol dependence, uncomplicated" {
		t.Error("With must not change the original set")
	}
	if all := s2.All(); all[0].Code != "A00" || all[1].Code != "A00.0" {
		t.Errorf("imported codes must sort into tabular order, got %s %s", all[0].Code, all[1].Code)
	}
}

func TestWellFormed(t *testing.T) {
	for code, want := range map[string]bool{
		"F10.20": true, "F1020": true, "F32.A": true, "F01.A11": true, "Z87.891": true, "S72.001A": true,
		"F10": true, "f10.2": true, "F10.": false, "F1.020": false, "F": false, "F10.20.1": false,
		"F10.20123": false, "1F0": false, "FF0": false, "F10-20": false, "": false,
	} {
		if got := WellFormed(code); got != want {
			t.Errorf("WellFormed(%q) = %v, want %v", code, got, want)
		}
	}
}
