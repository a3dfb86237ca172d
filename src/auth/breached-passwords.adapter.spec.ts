import { breachCount } from 'src/auth/breached-passwords.adapter';

describe('breachCount', () => {
  const body = [
    '0018A45C4D1DEF81644B54AB7F969B88D65:1',
    '00D4F6E8FA6EECAD2A3AA415EEC418D38EC:2',
    '011053FD0102E94D6AE2F8B83D76FAF94F6:0',
    '1E4C9B93F3F0682250B6CF8331B7EE68FD8:3861493',
  ].join('\r\n');

  it('finds a suffix in any letter case and returns its count', () => {
    expect(breachCount(body, '1E4C9B93F3F0682250B6CF8331B7EE68FD8')).toBe(3861493);
    expect(breachCount(body, '00d4f6e8fa6eecad2a3aa415eec418d38ec')).toBe(2);
  });

  it('treats padding lines (count 0), absent suffixes and junk as not breached', () => {
    expect(breachCount(body, '011053FD0102E94D6AE2F8B83D76FAF94F6')).toBe(0);
    expect(breachCount(body, 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF')).toBe(0);
    expect(breachCount('<html>oops</html>', '1E4C9B93F3F0682250B6CF8331B7EE68FD8')).toBe(0);
    expect(breachCount('ABC:x\n', 'ABC')).toBe(0);
  });
});
