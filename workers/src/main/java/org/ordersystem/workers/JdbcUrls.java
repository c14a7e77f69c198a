package org.ordersystem.workers;

/** Builds a database's JDBC URL from a MySQL server URL, so one variable serves every schema. */
public final class JdbcUrls {

  private JdbcUrls() {}

  /**
   * Puts {@code database} into a server URL such as {@code jdbc:mysql://db:3306?sslMode=DISABLED},
   * replacing any database already named there, and asks the driver to create it when missing.
   */
  public static String forDatabase(String serverUrl, String database) {
    int query = serverUrl.indexOf('?');
    String base = query < 0 ? serverUrl : serverUrl.substring(0, query);
    String params = query < 0 ? "" : serverUrl.substring(query + 1);
    int hostStart = base.indexOf("//") + 2;
    int slash = base.indexOf('/', hostStart);
    String server = slash < 0 ? base : base.substring(0, slash);
    String create = "createDatabaseIfNotExist=true";
    return server + "/" + database + "?" + (params.isEmpty() ? create : params + "&" + create);
  }
}
