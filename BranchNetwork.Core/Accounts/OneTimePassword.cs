using System.Security.Cryptography;

namespace BranchNetwork.Core.Accounts;

public static class OneTimePassword
{
    private const string Letters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";

    /// <summary>14 characters that meet the password rules and avoid look-alikes (0/O, 1/l), to read out or copy.</summary>
    public static string Create()
    {
        var chars = new char[14];
        for (var i = 0; i < chars.Length; i++)
        {
            var pool = i % 5 == 4 ? Digits : Letters;
            chars[i] = pool[RandomNumberGenerator.GetInt32(pool.Length)];
        }

        chars[0] = char.ToUpperInvariant(chars[0]);
        chars[1] = char.ToLowerInvariant(chars[1]);
        chars[7] = '-';
        return new string(chars);
    }
}
