package org.opencarboneval.agent.jfr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jdk.jfr.ContentType;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.MetadataDefinition;
import jdk.jfr.Name;

/** A power in watts, like {@link Joules}. */
@MetadataDefinition
@ContentType
@Name("org.opencarboneval.Watts")
@Label("Power")
@Description("Power in watts (W)")
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Watts {
}
