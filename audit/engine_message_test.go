package audit

import (
	"reflect"
	"strings"
	"testing"
	"text/template"

	"github.com/sourcecheck/sourcecheck/rules"
)

// TestMessageTemplateAsTemplate holds compiled message templates to
// text/template: for the built-in rules' messages and a few more, with
// every field empty or set in turn, they write the same text.
func TestMessageTemplateAsTemplate(t *testing.T) {
	if rt := reflect.TypeFor[MessageData](); rt.NumField() != len(messageFields) {
		t.Fatalf("MessageData has %d fields, messageFields names %d", rt.NumField(), len(messageFields))
	} else {
		for i, name := range messageFields {
			if rt.Field(i).Name != name {
				t.Errorf("messageFields[%d] = %s, MessageData field %d is %s", i, name, i, rt.Field(i).Name)
			}
		}
	}
	var texts []string
	for _, r := range rules.DefaultRules() {
		texts = append(texts, r.Message)
	}
	texts = append(texts, "", "plain", "{{.Claim}}{{.Kind}}{{.Subkind}}{{.Source}}{{.SourceType}}{{.Cue}}{{.Match}}{{.Detail}}",
		"a{{if .Detail}}b{{else}}c{{end}}d", "{{if .Kind}}k{{else if .Cue}}c {{.Cue}}{{else}}none{{end}}",
		"{{if .Kind}}{{if .Subkind}}{{.Subkind}}/{{end}}{{.Kind}}{{end}}", "{{- .Claim -}} x {{/* note */}}",
		"{{if .Detail}}{{end}}")
	all := MessageData{Claim: "claim", Kind: "figure", Subkind: "casualty", Source: "SOHR", SourceType: "ngo", Cue: "said", Match: "m", Detail: "d"}
	datas := []MessageData{{}, all}
	for i := range messageFields {
		var one MessageData
		*messageFieldPtr(&one, i) = messageField(&all, i)
		datas = append(datas, one)
		rest := all
		*messageFieldPtr(&rest, i) = ""
		datas = append(datas, rest)
	}
	for _, text := range texts {
		tmpl, err := template.New("t").Option("missingkey=error").Parse(text)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		m, ok := compileMessage(tmpl)
		if !ok {
			if text != "" { // an empty template has no tree
				t.Errorf("%q: not compiled", text)
			}
			continue
		}
		for _, d := range datas {
			var want strings.Builder
			if err := tmpl.Execute(&want, d); err != nil {
				t.Fatalf("%q: %v", text, err)
			}
			got := m.appendTo([]byte("before:"), &d)
			if string(got) != "before:"+want.String() {
				t.Errorf("%q with %+v: wrote %q, want %q", text, d, got, "before:"+want.String())
			}
		}
	}
	for _, text := range []string{"{{.Claim | printf \"%q\"}}", "{{with .Detail}}{{.}}{{end}}", "{{range .Claim}}{{end}}", "{{$x := .Claim}}{{$x}}", "{{len .Claim}}", "{{.Nope}}", "{{printf \"%d\" 1}}"} {
		tmpl, err := template.New("t").Parse(text)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if _, ok := compileMessage(tmpl); ok {
			t.Errorf("%q: compiled, want it left to text/template", text)
		}
	}
}

// messageFieldPtr returns a pointer to field i of d, as numbered by
// messageFields.
func messageFieldPtr(d *MessageData, i int) *string {
	return []*string{&d.Claim, &d.Kind, &d.Subkind, &d.Source, &d.SourceType, &d.Cue, &d.Match, &d.Detail}[i]
}
