# One version of a Rails application's model layer (ActiveRecord with the pg adapter), run through the sidecar by
# ActiveRecordTest.
#
# Two modes:
#   dump-schema-cache host port database file
#       what `rails db:schema:cache:dump` does in a version's build: connect to a database migrated to that version's
#       schema and write ActiveRecord's schema cache of the people table to a YAML file;
#   host port database role control-directory
#       the workload of RollingRename.java. The model is booted from the version's schema cache dump (the file named
#       by the environment variable SCHEMA_CACHE_DUMP), as Rails does
#       with use_schema_cache_dump, so each version knows exactly the columns of its own schema (old: full_name, new:
#       display_name) whatever the physical table has at that moment. Prepared statements are on (ActiveRecord's
#       default for PostgreSQL): model loads, finders and writes are prepared once per connection and then only bound.
require 'active_record'
require 'pg'
require 'fileutils'

def connect(host, port, database)
  ActiveRecord::Base.establish_connection(adapter: 'postgresql', host: host, port: Integer(port),
                                          database: database, username: 'postgres', pool: 1,
                                          connect_timeout: 10, prepared_statements: true)
end

class Person < ActiveRecord::Base
  self.table_name = 'people'
end

def report(key, value)
  $stdout.puts("#{key}=#{value.to_s.gsub("\n", '\\n')}")
  $stdout.flush
end

if ARGV[0] == 'dump-schema-cache'
  _, host, port, database, file = ARGV
  connect(host, port, database)
  cache = ActiveRecord::Base.connection.schema_cache
  cache.add('people')
  cache.dump_to(file)
  report('dumped', cache.columns('people').map(&:name).join(','))
  exit 0
end

host, port, database, role, control = ARGV
cache_file = ENV['SCHEMA_CACHE_DUMP']
name = role == 'old' ? 'full_name' : 'display_name'
connect(host, port, database)
if cache_file
  ActiveRecord::Base.connection_pool.set_schema_cache(
    ActiveRecord::ConnectionAdapters::SchemaCache.load_from(cache_file))
end

failures = []
counts = Hash.new(0)
expect = lambda do |what, actual, expected|
  failures << "#{what}: read #{actual.inspect}, expected #{expected.inspect}" unless actual == expected
end
progress = lambda do |n|
  tmp = File.join(control, "#{role}.progress.tmp")
  File.write(tmp, n.to_s)
  File.rename(tmp, File.join(control, "#{role}.progress"))
end

stamp = "#{Process.pid}-#{(Time.now.to_f * 1000).to_i}"
i = 0
until File.exist?(File.join(control, 'stop'))
  i += 1
  email = "#{role}-#{stamp}-#{i}"
  begin
    person = Person.create!(email: email, name => "n:#{email}")
    counts['inserted'] += 1
    expect.call('find', Person.find(person.id)[name], "n:#{email}")
    person.update!(name => "r:#{email}")
    found = Person.find_by(name => "r:#{email}")
    expect.call('find_by name', found && found.id, person.id)
    expect.call('pluck', Person.where(id: person.id).pluck(name), ["r:#{email}"])
    if (i % 3).zero?
      Person.transaction do
        2.times { |k| Person.create!(email: "#{email}-tx#{k}", name => "r:#{email}-tx#{k}") }
      end
      counts['inserted'] += 2
      # A string condition: the pg adapter inlines the quoted value into the text.
      expect.call('count with a string condition',
                  Person.where("#{name} LIKE ?", "r:#{email}-tx%").count, 2)
      expect.call('order by name', Person.where('email LIKE ?', "#{email}%").order(name).pluck(:email),
                  [email, "#{email}-tx0", "#{email}-tx1"])
    end
  rescue ActiveRecord::ActiveRecordError => e
    failures << "iteration #{i}: #{e.class}: #{e.message}"
  end
  counts['iterations'] = i
  progress.call(i)
  sleep 0.005
end

prepared = Person.connection.select_value("SELECT count(*) FROM pg_prepared_statements")
counts.each { |k, v| report(k, v) }
report('server_prepared', prepared)
report('model_columns', Person.column_names.join(','))
report('failures', failures.size)
failures.first(10).each_with_index { |f, k| report("failure.#{k}", f) }
