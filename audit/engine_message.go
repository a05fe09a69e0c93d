package audit

import (
	"text/template"
	"text/template/parse"
)

// messageTemplate is a rule's message template compiled for the common
// case, in which it holds only text, fields of MessageData ({{.Claim}})
// and conditions on them ({{if .Detail}} … {{else}} … {{end}}): it writes
// what text/template would, without the reflection that makes executing
// the template the dearest part of reporting a finding. Templates that
// use anything else are executed by text/template.
type messageTemplate []messageNode

// messageNode is one node of a messageTemplate: text, a field, or a
// condition on a field.
type messageNode struct {
	text string
	// field is 1 + the index of a MessageData field in messageFields;
	// 0 for text.
	field int
	// cond is true for {{if .Field}}: then is written when the field is
	// not empty, els when it is.
	cond      bool
	then, els messageTemplate
}

// messageFields names the fields of MessageData, in the order
// messageField returns them.
var messageFields = []string{"Claim", "Kind", "Subkind", "Source", "SourceType", "Cue", "Match", "Detail"}

// messageField returns field i of d, as numbered by messageFields.
func messageField(d *MessageData, i int) string {
	switch i {
	case 0:
		return d.Claim
	case 1:
		return d.Kind
	case 2:
		return d.Subkind
	case 3:
		return d.Source
	case 4:
		return d.SourceType
	case 5:
		return d.Cue
	case 6:
		return d.Match
	}
	return d.Detail
}

// compileMessage returns t as a messageTemplate, or ok false when it
// uses more than a messageTemplate can hold.
func compileMessage(t *template.Template) (m messageTemplate, ok bool) {
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return nil, false
	}
	return compileMessageList(t.Tree.Root)
}

func compileMessageList(l *parse.ListNode) (messageTemplate, bool) {
	if l == nil {
		return nil, true
	}
	out := messageTemplate{} // not nil: an empty list is still compiled
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			out = append(out, messageNode{text: string(n.Text)})
		case *parse.ActionNode:
			f := pipeField(n.Pipe)
			if f == 0 {
				return nil, false
			}
			out = append(out, messageNode{field: f})
		case *parse.IfNode:
			f := pipeField(n.Pipe)
			then, ok1 := compileMessageList(n.List)
			els, ok2 := compileMessageList(n.ElseList)
			if f == 0 || !ok1 || !ok2 {
				return nil, false
			}
			out = append(out, messageNode{field: f, cond: true, then: then, els: els})
		default:
			return nil, false
		}
	}
	return out, true
}

// pipeField returns 1 + the index in messageFields of the field a
// pipeline is when it is nothing but a field of MessageData, else 0.
func pipeField(p *parse.PipeNode) int {
	if p == nil || p.IsAssign || len(p.Decl) != 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return 0
	}
	f, ok := p.Cmds[0].Args[0].(*parse.FieldNode)
	if !ok || len(f.Ident) != 1 {
		return 0
	}
	for i, name := range messageFields {
		if f.Ident[0] == name {
			return i + 1
		}
	}
	return 0
}

// appendTo appends the message for d to buf.
func (m messageTemplate) appendTo(buf []byte, d *MessageData) []byte {
	for i := range m {
		n := &m[i]
		switch {
		case n.field == 0:
			buf = append(buf, n.text...)
		case !n.cond:
			buf = append(buf, messageField(d, n.field-1)...)
		case messageField(d, n.field-1) != "":
			buf = n.then.appendTo(buf, d)
		default:
			buf = n.els.appendTo(buf, d)
		}
	}
	return buf
}
