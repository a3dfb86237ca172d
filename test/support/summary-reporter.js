// Prints one plain closing line, "<database>: N passed, N failed[, N skipped]", so that CI reads
// each database's run the same way. Jest always runs its own summary reporter last, hence the
// write at exit: the line then really is the last one.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const database = process.env.TEST_MYSQL_URL ? 'mariadb' : 'sqlite';
    const skipped = results.numPendingTests + results.numTodoTests;
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    const line = `${database}: ${results.numPassedTests} passed, ${results.numFailedTests} failed`;
    process.once('exit', () => process.stderr.write(`${line}${tail}\n`));
  }
}

module.exports = SummaryReporter;
