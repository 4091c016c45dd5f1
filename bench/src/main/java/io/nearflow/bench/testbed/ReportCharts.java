package io.nearflow.bench.testbed;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's two SVG charts, drawn by hand (no charting library): makespan per case, time split per hop. */
final class ReportCharts {
  private ReportCharts() {}

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;");
  }

  /** One panel per case, one bar per mode, scaled to the slowest mode of the case. */
  static String makespanSvg(Map<String, Map<String, JsonObject>> byCase) {
    int rowH = 22;
    int panelGap = 30;
    int left = 130;
    int width = 760;
    int barMax = width - left - 120;
    int h = 40;
    for (var ce : byCase.entrySet()) {
      h += panelGap + rowH * ce.getValue().size();
    }
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(width).append("' height='").append(h)
        .append("' font-family='sans-serif' font-size='12'>\n<rect width='100%' height='100%' fill='white'/>\n")
        .append("<text x='10' y='20' font-size='15' font-weight='bold'>Makespan per batch (median, ms; whiskers min-max) - lower is better</text>\n");
    int y = 40;
    for (var ce : byCase.entrySet()) {
      double max = ce.getValue().values().stream().mapToDouble(c -> c.getJsonObject("makespanMs").getLong("max")).max().orElse(1);
      y += panelGap;
      s.append("<text x='10' y='").append(y - 8).append("' font-weight='bold'>").append(esc(ce.getKey())).append("</text>\n");
      for (String m : Report.MODES) {
        JsonObject c = ce.getValue().get(m);
        if (c == null) {
          continue;
        }
        JsonObject ms = c.getJsonObject("makespanMs");
        int w = (int) Math.round(barMax * ms.getLong("median") / max);
        int x1 = left + (int) Math.round(barMax * ms.getLong("min") / max);
        int x2 = left + (int) Math.round(barMax * ms.getLong("max") / max);
        s.append("<text x='").append(left - 6).append("' y='").append(y + 14).append("' text-anchor='end'>").append(m).append("</text>\n");
        s.append("<rect x='").append(left).append("' y='").append(y + 3).append("' width='").append(Math.max(1, w))
            .append("' height='").append(rowH - 6).append("' fill='").append(Report.COLORS.get(m)).append("'/>\n");
        s.append("<line x1='").append(x1).append("' x2='").append(x2).append("' y1='").append(y + rowH / 2).append("' y2='")
            .append(y + rowH / 2).append("' stroke='black'/>\n");
        s.append("<text x='").append(Math.max(left + w, x2) + 6).append("' y='").append(y + 14).append("'>")
            .append(ms.getLong("median")).append(" ms</text>\n");
        y += rowH;
      }
    }
    return s.append("</svg>\n").toString();
  }

  /**
   * Mean time per hop split into data / compute / control (the timeSplit array): one panel per
   * workflow, each scaled to its own longest bar (a 1 MiB echo hop next to a 10 MiB shuffle hop
   * would otherwise be a sliver), with the article's matching rows at the end of the panel.
   */
  static String splitSvg(JsonArray split) {
    Map<String, List<String>> labels = new LinkedHashMap<>();
    Map<String, List<double[]>> values = new LinkedHashMap<>();
    for (Object o : split) {
      JsonObject e = (JsonObject) o;
      String wf = e.getString("workflow");
      labels.computeIfAbsent(wf, k -> new ArrayList<>()).add(e.getString("case") + " " + e.getString("mode"));
      values.computeIfAbsent(wf, k -> new ArrayList<>())
          .add(new double[] {TimeSplit.mean(e, "dataMs"), TimeSplit.mean(e, "computeMs"), TimeSplit.mean(e, "controlMs")});
    }
    for (TimeSplit.ArticleRow a : TimeSplit.ARTICLE) {
      boolean matched = split.stream().map(o -> (JsonObject) o).anyMatch(e -> e.getJsonObject("article") != null
          && a.row().equals(e.getJsonObject("article").getString("row")));
      if (matched) {
        labels.get(a.workflow()).add("article: " + a.row());
        values.get(a.workflow()).add(new double[] {a.data(), a.compute(), a.control()});
      }
    }
    int rowH = 22;
    int panelGap = 30;
    int left = 260;
    int width = 860;
    int barMax = width - left - 90;
    int h = 55;
    for (List<String> l : labels.values()) {
      h += panelGap + rowH * l.size();
    }
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(width).append("' height='").append(h)
        .append("' font-family='sans-serif' font-size='12'>\n<rect width='100%' height='100%' fill='white'/>\n")
        .append("<text x='10' y='20' font-size='15' font-weight='bold'>Mean time per hop (ms): data | compute | control</text>\n");
    String[] colors = {"#4393c3", "#f4a582", "#999999"};
    String[] names = {"data (pull+push)", "compute", "control (rest)"};
    for (int i = 0; i < 3; i++) {
      s.append("<rect x='").append(10 + i * 150).append("' y='32' width='12' height='12' fill='").append(colors[i]).append("'/>")
          .append("<text x='").append(26 + i * 150).append("' y='43'>").append(names[i]).append("</text>\n");
    }
    int y = 55;
    for (var panel : labels.entrySet()) {
      List<double[]> vals = values.get(panel.getKey());
      double max = vals.stream().mapToDouble(v -> v[0] + v[1] + v[2]).max().orElse(1);
      y += panelGap;
      s.append("<text x='10' y='").append(y - 8).append("' font-weight='bold'>").append(esc(panel.getKey()))
          .append(" steps (scaled to this panel)</text>\n");
      for (int r = 0; r < vals.size(); r++) {
        double[] v = vals.get(r);
        s.append("<text x='").append(left - 6).append("' y='").append(y + 14).append("' text-anchor='end'>")
            .append(esc(panel.getValue().get(r))).append("</text>\n");
        double x = left;
        for (int i = 0; i < 3; i++) {
          double w = max <= 0 ? 0 : barMax * v[i] / max;
          s.append("<rect x='").append(String.format(Locale.ROOT, "%.1f", x)).append("' y='").append(y + 3).append("' width='")
              .append(String.format(Locale.ROOT, "%.1f", Math.max(0.5, w))).append("' height='").append(rowH - 6).append("' fill='")
              .append(colors[i]).append("'/>\n");
          x += w;
        }
        s.append("<text x='").append(String.format(Locale.ROOT, "%.0f", x + 6)).append("' y='").append(y + 14).append("'>")
            .append(Report.f(v[0] + v[1] + v[2])).append("</text>\n");
        y += rowH;
      }
    }
    return s.append("</svg>\n").toString();
  }
}
