package io.nearflow.bench.testbed;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Where a hop's time goes (data = pull + push, compute = the step's own time, control = the rest),
 * per workflow, case and mode, in one flat array for summary.json ({@code timeSplit}) and the
 * report: the shuffle4 cases next to the echo4 case. Where figures.md gives the article's split for
 * the same kind of run, the entry carries it and our / article ratios, so the comparison is in the
 * data and not only in the prose.
 */
final class TimeSplit {
  /** One row of figures.md "Where the time goes per hop" (averages, ms). */
  record ArticleRow(String row, String workflow, String mode, int sizeMiB, double total, double data, double control,
                    double compute) {
    JsonObject toJson() {
      return new JsonObject().put("row", row).put("totalMs", total).put("dataMs", data).put("controlMs", control)
          .put("computeMs", compute);
    }
  }

  /**
   * Like for like only: the article's "all on" (locality, connection pooling, hard links) echo
   * rows are our load-spreading defaults; its shuffle rows are greedy and load-spreading at 10 MiB
   * (files per zone not stated, so both 10 MB cases compare with them). Its "all off" rows have
   * pooling and hard links off too, which no mode here matches, so they are left out.
   */
  static final List<ArticleRow> ARTICLE = List.of(
      new ArticleRow("all on, 1 MiB (echo)", EchoCase.NAME, "load-spreading", 1, 318, 248, 64, 6),
      new ArticleRow("all on, 100 MiB (echo)", EchoCase.NAME, "load-spreading", 100, 1568, 1277, 65, 226),
      new ArticleRow("greedy, shuffle 10 MiB", "shuffle4", "greedy", 10, 8285, 1041, 134, 7110),
      new ArticleRow("load-spreading, shuffle 10 MiB", "shuffle4", "load-spreading", 10, 4827, 553, 75, 4198));

  private TimeSplit() {}

  static JsonArray of(JsonArray shuffleCases, JsonArray echoCases) {
    JsonArray out = new JsonArray();
    add(out, "shuffle4", shuffleCases);
    add(out, EchoCase.NAME, echoCases);
    return out;
  }

  private static void add(JsonArray out, String workflow, JsonArray cases) {
    for (Object o : cases) {
      JsonObject c = (JsonObject) o;
      JsonObject pulls = c.getJsonObject("pulls");
      // summaries written before totalMs/hops existed: every hop has one pull, total = the three parts
      JsonObject total = c.getJsonObject("totalMs", new JsonObject()
          .put("mean", Math.round((mean(c, "dataMs") + mean(c, "computeMs") + mean(c, "controlMs")) * 1000.0) / 1000.0));
      JsonObject e = new JsonObject().put("workflow", workflow).put("case", c.getString("case")).put("mode", c.getString("mode"))
          .put("hops", c.getInteger("hops", pulls.getInteger("local") + pulls.getInteger("remote")))
          .put("dataMs", c.getJsonObject("dataMs")).put("computeMs", c.getJsonObject("computeMs"))
          .put("controlMs", c.getJsonObject("controlMs")).put("totalMs", total)
          .put("pulls", new JsonObject().put("local", pulls.getInteger("local")).put("remote", pulls.getInteger("remote")));
      long mib = c.getLong("sizeBytes", 0L) / (1024 * 1024);
      for (ArticleRow a : ARTICLE) {
        if (a.workflow().equals(workflow) && a.mode().equals(c.getString("mode")) && a.sizeMiB() == mib) {
          e.put("article", a.toJson()).put("oursOverArticle", new JsonObject()
              .put("totalMs", ratio(mean(e, "totalMs"), a.total())).put("dataMs", ratio(mean(c, "dataMs"), a.data()))
              .put("controlMs", ratio(mean(c, "controlMs"), a.control())).put("computeMs", ratio(mean(c, "computeMs"), a.compute())));
        }
      }
      out.add(e);
    }
  }

  static double mean(JsonObject c, String field) {
    JsonObject d = c.getJsonObject(field);
    return d == null ? Double.NaN : d.getDouble("mean", Double.NaN);
  }

  private static double ratio(double ours, double article) {
    return Double.isNaN(ours) ? 0 : Math.round(ours / article * 1000.0) / 1000.0;
  }
}
