package icd10

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
)

// orderSample is four lines in CMS's order-file layout: columns fixed as CMS publishes them.
const orderSample = "00001 A00     0 Cholera                                                      Cholera\n" +
	"00002 A000    1 Cholera due to Vibrio cholerae 01, biovar cholerae           Cholera due to Vibrio cholerae 01, biovar cholerae\n" +
	"05880 F1020   1 Alcohol dependence, uncomplicated                            Alcohol dependence, uncomplicated\n" +
	"05891 F10239  1 Alcohol dependence with withdrawal, unspecified              Alcohol dependence with withdrawal, unspecified\n"

// codesSample is the codes-file layout: billable codes only, code padded to column 8.
const codesSample = "A000    Cholera due to Vibrio cholerae 01, biovar cholerae\r\n" +
	"F1020   Alcohol dependence, uncomplicated\r\n" +
	"F10239  Alcohol dependence with withdrawal, unspecified\r\n"

func TestParseOrder(t *testing.T) {
	codes, err := Parse(strings.NewReader(orderSample))
	if err != nil {
		t.Fatal(err)
	}
	want := []Code{
		{Code: "A00", Billable: false, Short: "Cholera", Long: "Cholera"},
		{Code: "A00.0", Billable: true, Short: "Cholera due to Vibrio cholerae 01, biovar cholerae", Long: "Cholera due to Vibrio cholerae 01, biovar cholerae"},
		{Code: "F10.20", Billable: true, Short: "Alcohol dependence, uncomplicated", Long: "Alcohol dependence, uncomplicated"},
		{Code: "F10.239", Billable: true, Short: "Alcohol dependence with withdrawal, unspecified", Long: "Alcohol dependence with withdrawal, unspecified"},
	}
	if !slices.Equal(codes, want) {
		t.Errorf("got %+v", codes)
	}
}

func TestParseCodes(t *testing.T) {
	codes, err := Parse(strings.NewReader("\uFEFF" + codesSample))
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != 3 || codes[1] != (Code{Code: "F10.20", Billable: true, Short: "Alcohol dependence, uncomplicated", Long: "Alcohol dependence, uncomplicated"}) {
		t.Errorf("got %+v", codes)
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	tests := []struct{ name, file, field, says string }{
		{"bad flag", orderSample + "00005 F1021   2 Alcohol dependence, in remission                             Alcohol dependence, in remission\n", "line 5", "billable flag"},
		{"code with dot", "00001 F10.20  1 Alcohol dependence, uncomplicated                            Alcohol dependence, uncomplicated\n", "line 1", "code without its dot"},
		{"short line", "00001 F1020\n", "line 1", "too short"},
		{"misaligned", "00001 F1020 1 Alcohol dependence, uncomplicated\n", "line 1", "columns"},
		{"codes file junk", codesSample + "\nnot a code line\n", "line 5", "ICD-10-CM code"},
		{"no description", "F1020\n", "line 1", "no description"},
		{"binary", "F1020   Alc\xffohol\n", "line 1", "UTF-8"},
		{"long line", "F1020   " + strings.Repeat("x", 2000) + "\n", "line 1", "longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.file))
			var e *carepath.Error
			if !errors.As(err, &e) || e.Code != carepath.EINVALID || len(e.Fields) != 1 ||
				e.Fields[0].Field != tt.field || !strings.Contains(e.Fields[0].Message, tt.says) {
				t.Fatalf("got %v, want %s saying %q", err, tt.field, tt.says)
			}
		})
	}
	if _, err := Parse(strings.NewReader("\n\n")); carepath.ErrorCode(err) != carepath.EINVALID {
		t.Errorf("an empty file must be EINVALID, got %v", err)
	}
}

func TestWriteOrderRoundTrip(t *testing.T) {
	all := Default().All()
	var buf bytes.Buffer
	if err := WriteOrder(&buf, all); err != nil {
		t.Fatal(err)
	}
	back, err := ParseOrder(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(all, back) {
		t.Error("the shipped subset does not survive WriteOrder → ParseOrder")
	}
	// The shipped file itself is what WriteOrder makes of it.
	buf.Reset()
	_ = WriteOrder(&buf, all)
	if buf.String() != subset {
		t.Error("icd10cm_order_2026_subset.txt is not in canonical order-file form")
	}
}

// FuzzParse feeds arbitrary text to the parser: it must never panic, and whatever it accepts must
// be well-formed codes that survive a write and a second parse unchanged.
func FuzzParse(f *testing.F) {
	f.Add(orderSample)
	f.Add(codesSample)
	f.Add("00001 F1020   1 x\n")
	f.Add("F32A    Depression, unspecified\n")
	f.Add("\r\n\r\n00001 A00     0 Cholera")
	f.Fuzz(func(t *testing.T, in string) {
		codes, err := Parse(strings.NewReader(in))
		if err != nil {
			if carepath.ErrorCode(err) != carepath.EINVALID {
				t.Fatalf("a parse error must be EINVALID, got %v", err)
			}
			return
		}
		for _, c := range codes {
			if !WellFormed(c.Code) || c.Long == "" || c.Short == "" {
				t.Fatalf("accepted a bad code %+v", c)
			}
		}
		var buf bytes.Buffer
		if err := WriteOrder(&buf, codes); err != nil {
			t.Fatal(err)
		}
		again, err := ParseOrder(&buf)
		if err != nil {
			t.Fatalf("written codes do not parse again: %v", err)
		}
		for i := range codes {
			if again[i].Code != codes[i].Code || again[i].Billable != codes[i].Billable || again[i].Long != codes[i].Long {
				t.Fatalf("round trip changed %+v into %+v", codes[i], again[i])
			}
		}
	})
}

// TestOrderColumnsCountCharacters: the order file's description columns count characters, so a
// short description of 60 non-ASCII characters, and a long one after it, survive a write and a
// read, and a character is never split between the two.
func TestOrderColumnsCountCharacters(t *testing.T) {
	codes := []Code{{Code: "M35.00", Billable: true, Short: strings.Repeat("ö", 59) + "ɴ", Long: "Sjögren syndrome, " + strings.Repeat("ü", 50)}}
	var buf bytes.Buffer
	if err := WriteOrder(&buf, codes); err != nil {
		t.Fatal(err)
	}
	again, err := ParseOrder(&buf)
	if err != nil || len(again) != 1 || again[0].Short != codes[0].Short || again[0].Long != codes[0].Long {
		t.Fatalf("round trip = %+v, %v", again, err)
	}
	line := "00001 A000    0 " + strings.Repeat("0", 59) + "ɴ"
	got, err := ParseOrder(strings.NewReader(line))
	if err != nil || len(got) != 1 || got[0].Short != strings.Repeat("0", 59)+"ɴ" || got[0].Long != got[0].Short {
		t.Errorf("a 60-character description ending in a two-byte character = %+v, %v", got, err)
	}
}
