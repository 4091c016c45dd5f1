package io.nearflow.adapters.localfs;

import io.nearflow.adapters.AdapterContext;
import io.nearflow.adapters.DataAdapter;
import io.nearflow.adapters.DataAdapterFactory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Makes local-fs adapters from config; found through {@code META-INF/services}. */
public final class LocalFsAdapterFactory implements DataAdapterFactory {
  @Override
  public String adapterName() {
    return LocalFsAdapter.NAME;
  }

  @Override
  public Future<DataAdapter> create(AdapterContext context, JsonObject config) {
    try {
      return LocalFsAdapter.open(context, LocalFsOptions.fromJson(config)).map(adapter -> adapter);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
  }
}
