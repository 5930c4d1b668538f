/*
 * bcryptprimitives.dll for Wine 8.0 (Debian 12), which lacks it: Go 1.22+
 * programs call its ProcessPrng at start and exit without it. Windows 10 and
 * 11 ship the real one; this stand-in only goes into the throwaway Wine
 * prefix of scripts/windows-check.sh, never into the Windows zip.
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
