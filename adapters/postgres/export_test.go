package postgres

// MigrationsUpTo returns the SQL of the migrations up to version v, in order (tests of
// upgrades from an older schema).
func MigrationsUpTo(v int) (names, sqls []string, err error) {
	ms, err := loadMigrations()
	for _, m := range ms {
		if m.version <= v {
			names, sqls = append(names, m.name), append(sqls, m.sql)
		}
	}
	return names, sqls, err
}
