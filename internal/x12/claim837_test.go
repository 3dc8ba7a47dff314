package x12

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
)

func write(t *testing.T, b Batch837) (string, Summary) {
	t.Helper()
	var buf bytes.Buffer
	sum, err := Write837(&buf, b)
	if err != nil {
		t.Fatal(err)
	}
	return buf.String(), sum
}

// segmentsOf splits a written file back into "ID*..." strings.
func segmentsOf(file string) []string {
	return strings.Split(strings.TrimSuffix(file, "~"), "~")
}

func TestWrite837P(t *testing.T) {
	file, sum := write(t, knownBatch(t))
	segs := segmentsOf(file)
	if len(segs[0]) != 105 || len(segs[0]+"~") != 106 {
		t.Errorf("ISA must be 106 characters with its terminator, is %d", len(segs[0])+1)
	}
	want := []string{
		"ISA*00*          *00*          *ZZ*HARBORBH       *ZZ*AETNA          *260401*1405*^*00501*000000042*0*T*:",
		"GS*HC*HARBORBH*AETNA*20260401*1405*42*X*005010X222A1",
		"ST*837*0001*005010X222A1",
		"BHT*0019*00*B7*20260401*1405*CH",
		"NM1*41*2*HARBOR BEHAVIORAL HEALTH*****46*HARBORBH",
		"PER*IC*BILLING OFFICE*TE*5550100199",
		"NM1*40*2*AETNA*****46*60054",
		"HL*1**20*1",
		"PRV*BI*PXC*261QM0801X",
		"NM1*85*2*HARBOR BEHAVIORAL HEALTH*****XX*1003000126",
		"N3*100 MAIN ST*SUITE 2",
		"N4*SPRINGFIELD*IL*627011234",
		"REF*EI*123456789",
		// Ana is the subscriber.
		"HL*2*1*22*0",
		"SBR*P*18*G77******CI",
		"NM1*IL*1*LOPEZ*ANA****MI*W100200300",
		"N3*12 ELM ST",
		"N4*SPRINGFIELD*IL*62704",
		"DMG*D8*19900504*F",
		"NM1*PR*2*AETNA*****PI*60054",
		"CLM*B7C0001*495***11:B:1*Y*A*Y*Y",
		"REF*G1*AUTH778",
		"HI*ABK:F331*ABF:F411",
		"NM1*82*1*RIVERA*SAM****XX*1234567893",
		"LX*1", "SV1*HC:90837*200*UN*1***1:2", "DTP*472*D8*20260302", "REF*6R*B7C0001-1",
		"LX*2", "SV1*HC:90853:95*60*UN*1*10**1:2", "DTP*472*D8*20260303", "REF*6R*B7C0001-2",
		"LX*3", "SV1*HC:90853*60*UN*1***1:2", "DTP*472*D8*20260305", "REF*6R*B7C0001-3",
		"LX*4", "SV1*HC:90847*175*UN*1***1:2", "DTP*472*D8*20260309", "REF*6R*B7C0001-4",
		// Ben is the patient; his mother Carla is the subscriber.
		"HL*3*1*22*1",
		"SBR*P********CI",
		"NM1*IL*1*ORTIZ*CARLA****MI*W555000111",
		"NM1*PR*2*AETNA*****PI*60054",
		"HL*4*3*23*0",
		"PAT*19",
		"NM1*QC*1*ORTIZ*BEN",
		"N3*12 ELM ST",
		"N4*SPRINGFIELD*IL*62704",
		"DMG*D8*20090830*M",
		"CLM*B7C0002*520***11:B:1*Y*A*Y*Y",
		"HI*ABK:F1020*ABF:Z6372",
		"LX*1", "SV1*HC:90791*250*UN*1***1:2", "DTP*472*D8*20260304", "REF*6R*B7C0002-1", "NM1*82*1*RIVERA*SAM****XX*1234567893",
		"LX*2", "SV1*HC:90834*150*UN*1***1:2", "DTP*472*D8*20260311", "REF*6R*B7C0002-2", "NM1*82*1*RIVERA*SAM****XX*1234567893",
		"LX*3", "SV1*HC:99213*120*UN*1***1:2", "DTP*472*D8*20260312", "REF*6R*B7C0002-3", "NM1*82*1*CHEN*MEI****XX*1245319599",
		"SE*66*0001",
		"GE*1*42",
		"IEA*1*000000042",
	}
	if !slices.Equal(segs, want) {
		for i := range max(len(segs), len(want)) {
			g, w := "", ""
			if i < len(segs) {
				g = segs[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if g != w {
				t.Errorf("segment %d:\n got %s\nwant %s", i+1, g, w)
			}
		}
	}
	st, se := slices.Index(segs, "ST*837*0001*005010X222A1"), slices.Index(segs, "SE*66*0001")
	if se-st+1 != 66 {
		t.Errorf("SE01 says 66 segments; ST to SE holds %d", se-st+1)
	}
	if sum.Segments != 66 || sum.Claims != 2 || sum.Lines != 7 || sum.Total != 49500+52000 || sum.InterchangeControl != 42 {
		t.Errorf("summary %+v", sum)
	}
}

func TestWrite837I(t *testing.T) {
	file, sum := write(t, medicareBatch(t))
	segs := segmentsOf(file)
	// 18 groups at $60: $1,080, bill type 132 (hospital outpatient, first interim claim).
	at := slices.Index(segs, "CLM*M0001*1080***13:A:2**A*Y*Y")
	if at < 0 {
		t.Fatalf("no CLM with bill type 132 and total $1,080:\n%s", strings.Join(segs, "\n"))
	}
	want := []string{
		"CLM*M0001*1080***13:A:2**A*Y*Y",
		"DTP*434*RD8*20260302-20260313",
		"CL1***30",
		"HI*ABK:F331",
		"HI*ABF:F411",
		"HI*BG:92",
		"NM1*71*1*CHEN*MEI****XX*1245319599",
		"LX*1", "SV2*0915*HC:90853*60*UN*1", "DTP*472*D8*20260302", "REF*6R*M0001-1",
	}
	if got := segs[at : at+len(want)]; !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !slices.Contains(segs, "GS*HC*HARBORBH*MEDICARE*20260401*1405*43*X*005010X223A2") || !slices.Contains(segs, "ST*837*0001*005010X223A2") ||
		!slices.Contains(segs, "SBR*P*18*G77******MA") || sum.Lines != 18 {
		t.Errorf("837I envelope or subscriber wrong:\n%s", strings.Join(segs[:20], "\n"))
	}
}

func TestWrite837Errors(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Batch837)
		field string
	}{
		{"control number", func(b *Batch837) { b.Envelope.InterchangeControl = 0 }, "envelope.interchange_control"},
		{"sender", func(b *Batch837) { b.Envelope.SenderID = "A VERY LONG SENDER ID" }, "envelope.sender_id"},
		{"NPI", func(b *Batch837) { b.BillingProvider.NPI = "1234567890" }, "billing_provider.npi"},
		{"ZIP+4", func(b *Batch837) { b.BillingProvider.Address.Zip = "62701" }, "billing_provider.address"},
		{"tax id", func(b *Batch837) { b.BillingProvider.TaxID = "12345" }, "billing_provider.tax_id"},
		{"member id", func(b *Batch837) { b.Claims[1].Subscriber.MemberID = "" }, "claims.1.subscriber.member_id"},
		{"patient birth date", func(b *Batch837) { b.Claims[1].Patient.BirthDate = "" }, "claims.1.patient.birth_date"},
		{"relationship", func(b *Batch837) { b.Claims[1].Patient.Relationship = "18" }, "claims.1.patient.relationship"},
		{"total", func(b *Batch837) { b.Claims[0].Claim.Total++ }, "claims.0.total"},
		{"held claim", func(b *Batch837) { b.Claims[0].Claim.Status = "held" }, "claims.0"},
		{"mixed formats", func(b *Batch837) { b.Claims[1].Claim.Format = "837I" }, "claims.1.format"},
		{"no claims", func(b *Batch837) { b.Claims = nil }, "claims"},
		{"contact", func(b *Batch837) { b.Submitter.Contact = Contact{} }, "submitter.contact"},
		{"unnamed clinician", func(b *Batch837) { delete(b.Clinicians, npiPhysician) }, "claims.1.lines.2.rendering_npi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := knownBatch(t)
			tt.edit(&b)
			var buf bytes.Buffer
			_, err := Write837(&buf, b)
			found := false
			for _, f := range carepath.ErrorFields(err) {
				found = found || f.Field == tt.field
			}
			if carepath.ErrorCode(err) != carepath.EINVALID || !found || buf.Len() != 0 {
				t.Errorf("got %v (wrote %d bytes), want a field error on %s and nothing written", err, buf.Len(), tt.field)
			}
		})
	}
}

func TestTextAndAmounts(t *testing.T) {
	for in, want := range map[string]string{"O'Brien~*:^ Jr.": "O'BRIEN JR.", "  Ana   María ": "ANA MARIA", "Núñez–Øster": "NUNEZ-OSTER", "Straße": "STRASSE", "a\nb": "AB"} {
		if got := text(in, 60); got != want {
			t.Errorf("text(%q) = %q, want %q", in, got, want)
		}
	}
	for c, want := range map[carepath.Cents]string{15000: "150", 15050: "150.5", 15055: "150.55", 5: "0.05", -2025: "-20.25", 0: "0"} {
		if got := amount(c); got != want {
			t.Errorf("amount(%d) = %q, want %q", c, got, want)
		}
		if back, ok := parseAmount(amount(c)); !ok || back != c {
			t.Errorf("parseAmount(%q) = %d", amount(c), back)
		}
	}
}
