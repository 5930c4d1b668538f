package storage

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// maxSchemaFindings caps how many differences a refusal lists.
const maxSchemaFindings = 6

// expectedSchema is the shape of a journal at SchemaVersion: the embedded
// migrations applied to a private in-memory database, once.
var expectedSchema = sync.OnceValues(func() (map[string][]string, error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	mem, err := sql.Open("sqlite", "file:lapse-expected-schema?mode=memory")
	if err != nil {
		return nil, err
	}
	defer mem.Close()
	mem.SetMaxOpenConns(1) // one connection: one in-memory database
	ctx := context.Background()
	for _, m := range ms {
		if _, err := mem.ExecContext(ctx, m.sql); err != nil {
			return nil, fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return schemaShape(ctx, mem)
})

// schemaShape describes each table by its columns, indexes and foreign
// keys, one comparable line each, so a difference can be named.
func schemaShape(ctx context.Context, q *sql.DB) (map[string][]string, error) {
	var tables []string
	rows, err := q.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return nil, err
		}
		tables = append(tables, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	shape := map[string][]string{}
	for _, t := range tables {
		var lines []string
		for _, query := range []string{
			`SELECT 'column ' || name || ' ' || type || iif("notnull", ' NOT NULL', '') ||
			        coalesce(' DEFAULT ' || dflt_value, '') || iif(pk, ' PRIMARY KEY', '')
			   FROM pragma_table_info(?1) ORDER BY cid`,
			`SELECT iif(l."unique", 'unique ', '') || 'index ' || l.name || ' on (' ||
			        (SELECT group_concat(coalesce(i.name, '<expression>'), ', ') FROM pragma_index_info(l.name) i) || ')' ||
			        iif(l.partial, ' partial', '')
			   FROM pragma_index_list(?1) l ORDER BY l.name`,
			`SELECT 'reference ' || "from" || ' to ' || "table" || coalesce(' (' || "to" || ')', '') || ' on delete ' || on_delete
			   FROM pragma_foreign_key_list(?1) ORDER BY id, seq`,
		} {
			found, err := shapeLines(ctx, q, query, t)
			if err != nil {
				return nil, fmt.Errorf("table %s: %w", t, err)
			}
			lines = append(lines, found...)
		}
		shape[t] = lines
	}
	return shape, nil
}

func shapeLines(ctx context.Context, q *sql.DB, query, table string) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		lines = append(lines, line)
	}
	return lines, rows.Err()
}

// schemaDiff says how the journal's tables differ from the ones this
// version expects ("" when they do not).
func schemaDiff(ctx context.Context, conn *sql.DB) (string, error) {
	want, err := expectedSchema()
	if err != nil {
		return "", fmt.Errorf("expected schema: %w", err)
	}
	got, err := schemaShape(ctx, conn)
	if err != nil {
		return "", err
	}
	// What this version needs and lacks is named, with what stands in its
	// place in the same table; tables, columns and indexes it does not
	// know (a user's own, an older version's) do not stop it.
	var found []string
	for _, t := range sortedKeys(want) {
		have, ok := got[t]
		if !ok {
			found = append(found, "no table "+t)
			continue
		}
		var lacks, extra []string
		for _, line := range want[t] {
			if !slices.Contains(have, line) {
				lacks = append(lacks, "table "+t+" lacks "+line)
			}
		}
		for _, line := range have {
			if !slices.Contains(want[t], line) {
				extra = append(extra, "table "+t+" has an unexpected "+line)
			}
		}
		if len(lacks) > 0 {
			found = append(append(found, lacks...), extra...)
		}
	}
	if len(found) > maxSchemaFindings {
		found = append(found[:maxSchemaFindings], fmt.Sprintf("%d more", len(found)-maxSchemaFindings))
	}
	return strings.Join(found, "; "), nil
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
